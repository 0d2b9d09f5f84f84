package com.boxoffice.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The repacked jar is whole: every class in it loads and links with nothing but itself, the JDK and
 * what the library itself needs at run time (none), so a function never meets a
 * {@code NoClassDefFoundError} for a class left out; and it is narrow: the event classes of other
 * services are not in it.
 */
@Tag("fast")
class RepackedEventClassesTest {

  @Test
  void everyRepackedClassLoadsAndItsSignaturesResolve() throws Exception {
    List<String> names = classNames();
    List<String> broken = new ArrayList<>();
    for (String name : names) {
      try {
        Class<?> c = Class.forName(name, true, getClass().getClassLoader());
        c.getDeclaredMethods();
        c.getDeclaredFields();
        c.getDeclaredConstructors();
        c.getDeclaredClasses();
      } catch (LinkageError | ClassNotFoundException e) {
        broken.add(name + ": " + e);
      }
    }
    assertThat(names).as("the HTTP API event, its response, the stream event, its response and models")
        .contains(
            "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
            "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent$RequestContext$Authorizer$JWT",
            "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse",
            "com.amazonaws.services.lambda.runtime.events.DynamodbEvent",
            "com.amazonaws.services.lambda.runtime.events.DynamodbEvent$DynamodbStreamRecord",
            "com.amazonaws.services.lambda.runtime.events.StreamsEventResponse",
            "com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue",
            "com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord");
    assertThat(broken).isEmpty();
  }

  @Test
  void theEventClassesOfOtherServicesAreLeftOut() throws Exception {
    assertThat(classNames()).noneMatch(n -> n.contains(".events.SQSEvent") || n.contains(".events.S3Event")
        || n.contains(".events.ScheduledEvent") || n.contains(".events.APIGatewayProxyRequestEvent"));
  }

  private static List<String> classNames() throws IOException, URISyntaxException {
    Path root = Path.of(APIGatewayV2HTTPEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(root).as("the module's own classes, not the whole library").isDirectory();
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
          .sorted().toList();
    }
  }
}
