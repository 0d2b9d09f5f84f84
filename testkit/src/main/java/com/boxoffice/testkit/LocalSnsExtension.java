package com.boxoffice.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts moto's server once per test JVM on a free port of 127.0.0.1 (stopped
 * when the JVM's tests end) and hands it to test methods and constructors that take a
 * {@link LocalSns}. Tests keep apart by creating platform applications of their own names.
 */
public final class LocalSnsExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalSnsExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalSns.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    return context.getRoot().getStore(NS)
        .getOrComputeIfAbsent("moto", k -> new Running(LocalSns.start(0)), Running.class).sns;
  }

  private record Running(LocalSns sns) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      sns.close();
    }
  }
}
