package com.boxoffice.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code sam build} put the artifacts: {@code .aws-sam/build/<LogicalId>}. */
record SamBuild(Path dir) {
  static SamBuild find(Path repoRoot) {
    String configured = System.getProperty("boxoffice.sam.build.dir");
    Path dir = configured == null ? repoRoot.resolve(".aws-sam/build") : Path.of(configured);
    if (!Files.isRegularFile(dir.resolve("template.yaml"))) {
      throw new IllegalStateException("no sam build output at " + dir + ": run `sam build` first"
          + " (scripts/system-test.sh does)");
    }
    return new SamBuild(dir);
  }

  Path functionDir(String logicalId) {
    Path d = dir.resolve(logicalId);
    if (!Files.isDirectory(d)) {
      throw new IllegalStateException("sam build made nothing for " + logicalId + " at " + d);
    }
    return d;
  }

  /** A layer's {@code java/lib}, which Lambda unpacks to /opt/java/lib. */
  Path layerLibDir(String layerLogicalId) {
    return dir.resolve(layerLogicalId).resolve("java/lib");
  }

  /** The shared layer's {@code java/lib}. */
  Path layerLibDir() {
    return layerLibDir("SharedLayer");
  }
}
