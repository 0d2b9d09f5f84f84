package com.boxoffice.shared.domain.order;

/** What the hold sweep does with one order whose hold has ended ({@link HoldPolicy}). */
public enum HoldVerdict {
  /** Nobody can pay for the order any more: its seats go back on sale. */
  RELEASE,
  /** A payment completed or may still complete: the seats stay held and the order is looked at again later. */
  KEEP,
  /** The provider could not tell us where the session stands: nothing changes, the next sweep asks again. */
  RETRY,
  /** Kept as long as allowed without a final answer: the seats stay held and a person looks at the order. */
  FLAG_FOR_REVIEW
}
