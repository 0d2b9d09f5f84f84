package com.boxoffice.shared.http;

import com.boxoffice.shared.json.Json;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a request body with the one strict JSON configuration ({@link Json}) and answers what it
 * cannot read as a 400 that names the offending field: {@code malformed_json}, {@code unknown_field}
 * or {@code invalid_field}.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /** Parses a request body into {@code type}; malformed input becomes a 400 with the field named. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.", Map.of());
    }
    try {
      T value = Json.mapper().readValue(body, type);
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

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }
}
