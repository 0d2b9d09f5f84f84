package com.boxoffice.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the nearest folder upwards that holds {@code template.yaml}. */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path find() {
    String configured = System.getProperty("boxoffice.repo.root");
    if (configured != null && Files.isRegularFile(Path.of(configured, "template.yaml"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("cannot find the repository root (a folder with template.yaml) above "
        + Path.of("").toAbsolutePath());
  }
}
