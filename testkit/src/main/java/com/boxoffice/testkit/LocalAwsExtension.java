package com.boxoffice.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts DynamoDB Local and ElasticMQ once per test JVM on free ports on
 * 127.0.0.1 (stopped when the JVM's tests end) and gives each test method a clean slate: the
 * template's tables and queues created under a stage name of its own, deleted afterwards.
 *
 * <p>Test methods and constructors may take a {@link LocalAws} and a {@link LocalResources}.
 */
public final class LocalAwsExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalAwsExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalAws.class || type == LocalResources.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
      throws ParameterResolutionException {
    LocalAws aws = aws(context);
    if (parameter.getParameter().getType() == LocalAws.class) {
      return aws;
    }
    return context.getStore(NS).getOrComputeIfAbsent("resources", k -> aws.freshResources(), LocalResources.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    LocalResources resources = context.getStore(NS).remove("resources", LocalResources.class);
    if (resources != null) {
      aws(context).provisioner().deprovision(resources);
    }
  }

  /** The servers for this JVM, started on first use. */
  public static LocalAws aws(ExtensionContext context) {
    return context.getRoot().getStore(NS)
        .getOrComputeIfAbsent("servers", k -> new Servers(LocalAws.start(0, 0)), Servers.class).aws;
  }

  private record Servers(LocalAws aws) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      aws.close();
    }
  }
}
