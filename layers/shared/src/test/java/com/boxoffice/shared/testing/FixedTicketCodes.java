package com.boxoffice.shared.testing;

import com.boxoffice.shared.testing.memory.InMemoryTicketCodes;

/** Test-only ticket codes derived from the ticket id, so tests can assert what the email carries. */
public final class FixedTicketCodes extends InMemoryTicketCodes {
}
