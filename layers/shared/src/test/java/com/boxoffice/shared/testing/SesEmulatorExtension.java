package com.boxoffice.shared.testing;

import com.boxoffice.shared.json.Json;
import com.boxoffice.testkit.FreePort;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: starts the SES v2 emulator ({@code aws-ses-v2-local} from npm, installed by
 * {@code scripts/install-tools.sh ses}) once per test JVM on a free port of 127.0.0.1, stops it
 * afterwards, and gives tests a {@link SesEmulator} that reads what was "sent".
 */
public final class SesEmulatorExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SesEmulatorExtension.class);

  /** The running emulator: its endpoint for the SES v2 client and its mail store. */
  public record SesEmulator(String baseUrl) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Every mail the emulator holds, as its {@code /store} lists them. */
    public List<JsonNode> emails() {
      JsonNode store = Json.read(get("/store"), JsonNode.class);
      List<JsonNode> out = new ArrayList<>();
      store.path("emails").forEach(out::add);
      return out;
    }

    /** The mails whose To: holds {@code recipient}. */
    public List<JsonNode> emailsTo(String recipient) {
      return emails().stream().filter(m -> m.path("destination").path("to").toString().contains(recipient)).toList();
    }

    public void clear() {
      send(HttpRequest.newBuilder(URI.create(baseUrl + "/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String get(String path) {
      return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    private static String send(HttpRequest.Builder request) {
      try {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException("SES emulator answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
      } catch (IOException e) {
        throw new IllegalStateException("SES emulator unreachable", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SesEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return new SesEmulator(context.getRoot().getStore(NS).getOrComputeIfAbsent("server", k -> start(), Server.class)
        .server().baseUrl());
  }

  private static Server start() {
    int port = FreePort.pick();
    return new Server(ToolServer.start("aws-ses-v2-local", "SES_EMULATOR_BIN", "ses",
        List.of("--host", "127.0.0.1", "--port", Integer.toString(port)), port));
  }

  private record Server(ToolServer server) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      server.close();
    }
  }
}
