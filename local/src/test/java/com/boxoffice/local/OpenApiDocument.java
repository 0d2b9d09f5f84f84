package com.boxoffice.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * docs/openapi.yaml read by the Swagger parser (operations, declared statuses, media types and
 * headers) with its schemas compiled by networknt's JSON Schema 2020-12 validator, which resolves
 * their {@code $ref}s inside the document. {@link #check} says everything a real answer does that
 * the document does not allow.
 */
final class OpenApiDocument {
  /** Where the validator finds the document; the name only has to be absolute. */
  private static final String DOCUMENT_IRI = "https://boxoffice.invalid/openapi.json";

  private final OpenAPI api;
  private final SchemaRegistry schemas;
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private OpenApiDocument(OpenAPI api, SchemaRegistry schemas) {
    this.api = api;
    this.schemas = schemas;
  }

  static OpenApiDocument load(Path file) {
    String yaml = read(file);
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    var result = new OpenAPIV3Parser().readContents(yaml, null, options);
    if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
      throw new IllegalStateException(file + " does not parse: " + result.getMessages());
    }
    String json;
    try {
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      json = new ObjectMapper().writeValueAsString(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        b -> b.schemas(Map.of(DOCUMENT_IRI, json)).schemaRegistryConfig(config));
    return new OpenApiDocument(result.getOpenAPI(), registry);
  }

  /** Every operation as {@code METHOD /path/{template}}. */
  static Set<String> operations(Path file) {
    return load(file).operations();
  }

  Set<String> operations() {
    Set<String> ops = new TreeSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> ops.add(method.name() + " " + path)));
    return ops;
  }

  /** The statuses the operation declares. */
  Set<Integer> statuses(String method, String pathTemplate) {
    Set<Integer> statuses = new TreeSet<>();
    operation(method, pathTemplate).getResponses().keySet().forEach(s -> statuses.add(Integer.parseInt(s)));
    return statuses;
  }

  /**
   * What is wrong with a real answer of {@code method pathTemplate}: a status the operation does
   * not declare, a media type it does not list, a required header missing or a header whose value
   * its schema refuses, a body its schema refuses, or a body where the answer declares none.
   * Empty when the answer keeps the contract.
   */
  List<String> check(String method, String pathTemplate, int status, Map<String, List<String>> headers, String body) {
    List<String> problems = new ArrayList<>();
    Operation op = operation(method, pathTemplate);
    ApiResponse response = op.getResponses().get(Integer.toString(status));
    if (response == null) {
      problems.add("status " + status + " is not declared (declared: " + op.getResponses().keySet() + ")");
      return problems;
    }
    String pointer = "#/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status;
    if (response.get$ref() != null) {
      String name = componentName(response.get$ref());
      response = api.getComponents().getResponses().get(name);
      pointer = "#/components/responses/" + escape(name);
    }
    if (response.getHeaders() != null) {
      for (var declared : response.getHeaders().entrySet()) {
        checkHeader(declared.getKey(), declared.getValue(), pointer + "/headers/" + escape(declared.getKey()),
            headers, problems);
      }
    }
    String contentType = first(headers, "Content-Type");
    if (response.getContent() == null || response.getContent().isEmpty()) {
      if (body != null && !body.isEmpty()) {
        problems.add("a body where the answer declares none: " + abbreviate(body));
      }
      return problems;
    }
    if (contentType == null) {
      problems.add("no Content-Type; declared " + response.getContent().keySet());
      return problems;
    }
    String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!response.getContent().containsKey(mediaType)) {
      problems.add("Content-Type " + mediaType + " is not declared (declared: " + response.getContent().keySet() + ")");
      return problems;
    }
    if (response.getContent().get(mediaType).getSchema() == null) {
      return problems;
    }
    String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
    String instance = mediaType.endsWith("json") ? body : quote(body);
    schema(schemaPointer).validate(instance, InputFormat.JSON)
        .forEach(e -> problems.add("body " + e.getInstanceLocation() + ": " + e.getMessage()));
    return problems;
  }

  private void checkHeader(String name, Header header, String pointer, Map<String, List<String>> headers,
      List<String> problems) {
    if (header.get$ref() != null) {
      String component = componentName(header.get$ref());
      pointer = "#/components/headers/" + escape(component);
      header = api.getComponents().getHeaders().get(component);
    }
    String value = first(headers, name);
    if (value == null) {
      if (Boolean.TRUE.equals(header.getRequired())) {
        problems.add("required header " + name + " is missing");
      }
      return;
    }
    if (header.getSchema() != null) {
      // A header is text on the wire; one that holds a number (Retry-After) is checked as one.
      Schema schema = schema(pointer + "/schema");
      var errors = schema.validate(quote(value), InputFormat.JSON);
      if (!errors.isEmpty() && value.matches("\\d{1,15}") && schema.validate(value, InputFormat.JSON).isEmpty()) {
        return;
      }
      errors.forEach(e -> problems.add("header " + name + " = " + value + ": " + e.getMessage()));
    }
  }

  private Schema schema(String pointer) {
    return compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + p)));
  }

  private Operation operation(String method, String pathTemplate) {
    PathItem item = api.getPaths().get(pathTemplate);
    Operation op = item == null ? null
        : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
    if (op == null) {
      throw new IllegalArgumentException("docs/openapi.yaml has no operation " + method + " " + pathTemplate);
    }
    return op;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
  }

  private static String componentName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** A JSON pointer token (RFC 6901), percent-encoded where a URI fragment needs it. */
  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
  }

  private static String quote(String s) {
    try {
      return new ObjectMapper().writeValueAsString(s == null ? "" : s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
