package com.boxoffice.scanner;

/** The body of {@code POST /v1/scans}, read strictly (unknown fields are refused). */
record ScanBody(String code, String eventId, String direction, String nonce, String gate) {}
