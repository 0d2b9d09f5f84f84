package com.boxoffice.shared.domain.door;

/** A scanner's enrolment for one event, as stored; a revoked one may not scan there. */
public record ScannerAssignment(boolean revoked) {}
