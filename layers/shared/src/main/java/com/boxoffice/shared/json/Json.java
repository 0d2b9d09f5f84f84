package com.boxoffice.shared.json;

import com.boxoffice.shared.http.ApiException;
import com.boxoffice.shared.http.ErrorCode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON configuration: strict on input (unknown fields, wrong types, trailing tokens and
 * numbers where text is expected are refused with the field named) and compact on output.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(32).maxStringLength(64 * 1024).maxNumberLength(32).build());
  }

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses a request body into {@code type}; malformed input becomes a 400 with the field named. */
  public static <T> T readBody(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.", Map.of());
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.", Map.of());
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.badRequest(ErrorCode.UNKNOWN_FIELD, "The request has a field this API does not accept.",
          Map.of(path(e), "unknown field"));
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) {
        throw ApiException.badRequest(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.", Map.of());
      }
      throw ApiException.badRequest(ErrorCode.INVALID_FIELD, "A field has the wrong type.", Map.of(field, "wrong type"));
    } catch (JsonMappingException e) {
      throw ApiException.badRequest(ErrorCode.INVALID_FIELD, "A field could not be read.", Map.of(path(e), "invalid"));
    } catch (IOException e) {
      throw ApiException.badRequest(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.", Map.of());
    }
  }

  public static <T> T read(String text, Class<T> type) {
    try {
      return MAPPER.readValue(text, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }
}
