package com.boxoffice.shared.domain.seatfixture;

import com.boxoffice.shared.domain.rowfixture.Row;

/** Deliberately wrong: half of a package cycle inside the domain. Only the rule tests import it. */
public record Seat(Row row, int number) {}
