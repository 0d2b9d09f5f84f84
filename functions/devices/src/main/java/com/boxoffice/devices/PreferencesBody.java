package com.boxoffice.devices;

/** The body of {@code PUT /v1/push-preferences}: each switch optional, an absent one left as it is. */
record PreferencesBody(Boolean orderUpdates, Boolean eventReminders, Boolean eventChanges) {}
