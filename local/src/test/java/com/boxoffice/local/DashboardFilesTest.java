package com.boxoffice.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class DashboardFilesTest {
  private final DashboardFiles files = new DashboardFiles();

  @Test
  void servesThePageAtTheFolderAndItsAssetsBesideIt() throws Exception {
    var page = files.handle("GET", "");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    assertThat(page.body()).contains("<title>Event analytics").contains("vendor/uPlot.iife.min.js");

    var script = files.handle("GET", "dashboard.js");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/javascript");

    var charts = files.handle("GET", "vendor/uPlot.iife.min.js");
    assertThat(charts.status()).isEqualTo(200);
    assertThat(charts.body()).contains("uPlot");
    assertThat(files.handle("GET", "vendor/uPlot.min.css").contentType()).startsWith("text/css");
  }

  @Test
  void nothingOutsideTheDashboardFolderAndNoWrites() throws Exception {
    assertThat(files.handle("GET", "../com/boxoffice/local/LocalRunner.class").status()).isEqualTo(404);
    assertThat(files.handle("GET", "vendor/../../log4j2.xml").status()).isEqualTo(404);
    assertThat(files.handle("GET", "missing.html").status()).isEqualTo(404);
    assertThat(files.handle("POST", "index.html").status()).isEqualTo(405);
  }
}
