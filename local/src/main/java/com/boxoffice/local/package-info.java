/** The local runner: the whole system on 127.0.0.1 for development. Never deployed. */
package com.boxoffice.local;
