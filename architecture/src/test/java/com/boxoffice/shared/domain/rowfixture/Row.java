package com.boxoffice.shared.domain.rowfixture;

import com.boxoffice.shared.domain.seatfixture.Seat;
import java.util.List;

/** Deliberately wrong: the other half of the package cycle. */
public record Row(String name, List<Seat> seats) {}
