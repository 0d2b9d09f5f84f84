package com.boxoffice.shared.domain.email;

import java.util.List;

/**
 * A job turned into a message: subject, both bodies and the images the HTML shows inline
 * ({@code <img src="cid:...">}).
 */
public record RenderedEmail(String subject, String html, String text, List<InlineImage> images) {
  public RenderedEmail {
    images = List.copyOf(images);
  }

  /** A picture carried in the message itself, referred to by its Content-ID. */
  public record InlineImage(String contentId, String fileName, String contentType, byte[] bytes) {}
}
