package com.boxoffice.testkit;

import java.net.URI;

/** A stand-in for an AWS service, serving plain HTTP on one port of 127.0.0.1 until closed. */
public abstract class LoopbackServer implements AutoCloseable {
  private final int port;

  protected LoopbackServer(int port) {
    this.port = port;
  }

  /** The URL to point an SDK client at ({@code AWS_ENDPOINT_URL_*}). */
  public final URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public final int port() {
    return port;
  }

  @Override
  public abstract void close();
}
