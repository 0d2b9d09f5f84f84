package com.boxoffice.shared.domain.email;

import com.boxoffice.shared.domain.email.RenderedEmail.InlineImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes a rendered email as one RFC 5322 / MIME message: {@code multipart/related} holding a
 * {@code multipart/alternative} (plain text, then HTML) and the inline images the HTML refers to by
 * Content-ID. Bodies and images are base64 in 76-character lines; the subject is an RFC 2047
 * encoded word. The job id rides in {@code X-Boxoffice-Job} and makes the Message-ID, so the
 * same job always produces the same message identity.
 */
public final class MimeMessageWriter {
  public static final String JOB_HEADER = "X-Boxoffice-Job";
  private static final Base64.Encoder MIME = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII));

  private MimeMessageWriter() {}

  public static byte[] write(String from, String to, String jobId, RenderedEmail email, ZonedDateTime date) {
    String token = token(jobId);
    String related = "rel_" + token;
    String alternative = "alt_" + token;
    StringBuilder m = new StringBuilder(4096);
    header(m, "From", from);
    header(m, "To", to);
    header(m, "Subject", encodedWord(email.subject()));
    header(m, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT).format(date));
    header(m, "Message-ID", "<" + token + "@boxoffice>");
    header(m, JOB_HEADER, jobId.replaceAll("[\\r\\n]", ""));
    header(m, "MIME-Version", "1.0");
    header(m, "Content-Type", "multipart/related; type=\"multipart/alternative\"; boundary=\"" + related + "\"");
    m.append("\r\n");
    m.append("--").append(related).append("\r\n");
    header(m, "Content-Type", "multipart/alternative; boundary=\"" + alternative + "\"");
    m.append("\r\n");
    part(m, alternative, "text/plain; charset=UTF-8", null, email.text().getBytes(StandardCharsets.UTF_8));
    part(m, alternative, "text/html; charset=UTF-8", null, email.html().getBytes(StandardCharsets.UTF_8));
    m.append("--").append(alternative).append("--\r\n");
    for (InlineImage image : email.images()) {
      m.append("--").append(related).append("\r\n");
      header(m, "Content-Type", image.contentType() + "; name=\"" + image.fileName() + "\"");
      header(m, "Content-ID", "<" + image.contentId() + ">");
      header(m, "Content-Disposition", "inline; filename=\"" + image.fileName() + "\"");
      header(m, "Content-Transfer-Encoding", "base64");
      m.append("\r\n").append(MIME.encodeToString(image.bytes())).append("\r\n");
    }
    m.append("--").append(related).append("--\r\n");
    return m.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void part(StringBuilder m, String boundary, String type, String id, byte[] body) {
    m.append("--").append(boundary).append("\r\n");
    header(m, "Content-Type", type);
    header(m, "Content-Transfer-Encoding", "base64");
    m.append("\r\n").append(MIME.encodeToString(body)).append("\r\n");
  }

  private static void header(StringBuilder m, String name, String value) {
    m.append(name).append(": ").append(value.replaceAll("[\\r\\n]", " ")).append("\r\n");
  }

  private static String encodedWord(String text) {
    boolean ascii = text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (ascii) {
      return text;
    }
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  private static String token(String jobId) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(jobId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
