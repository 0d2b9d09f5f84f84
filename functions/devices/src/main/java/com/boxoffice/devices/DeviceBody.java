package com.boxoffice.devices;

/** The body of {@code POST /v1/devices}, read strictly (unknown fields are refused). */
record DeviceBody(String platform, String token) {}
