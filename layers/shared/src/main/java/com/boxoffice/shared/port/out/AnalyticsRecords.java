package com.boxoffice.shared.port.out;

import com.boxoffice.shared.domain.analytics.Facts;
import com.boxoffice.shared.domain.analytics.StoredSlot;
import java.util.function.Consumer;

/** Every record the analytics summarise and every stored slot, read in one pass for a recount. */
public interface AnalyticsRecords {

  /** Reads the whole table once, handing each summarised record's facts and each slot on. */
  void scan(Consumer<Facts> facts, Consumer<StoredSlot> slots);
}
