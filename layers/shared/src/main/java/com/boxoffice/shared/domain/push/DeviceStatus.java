package com.boxoffice.shared.domain.push;

/**
 * Where a device is in its life: {@code ACTIVE} receives pushes; {@code FAILING} had a failed
 * delivery and still receives them; {@code INACTIVE} is skipped (too many failures in a row, or
 * the provider said the endpoint is disabled or the token unregistered) until the app registers
 * its token again, and is removed by the cleanup once it has been inactive long enough.
 */
public enum DeviceStatus { ACTIVE, FAILING, INACTIVE }
