package com.boxoffice.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to
 * Selenium, so Selenium Manager never looks for (or downloads) a browser or a driver.
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER} point elsewhere on a machine without them in
 * /usr/bin; {@code bash scripts/install-tools.sh chromium} installs them on Debian.
 */
final class HeadlessChromium {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private HeadlessChromium() {}

  static ChromeDriver start() {
    File browser = new File(env("CHROMIUM_BINARY", "/usr/bin/chromium"));
    File driver = new File(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (!browser.canExecute() || !driver.canExecute()) {
      throw new IllegalStateException("The browser tests need Chromium at " + browser + " and chromedriver at " + driver
          + ": run `bash scripts/install-tools.sh chromium` (Debian packages chromium and chromium-driver), or set"
          + " CHROMIUM_BINARY and CHROMEDRIVER");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1280,1400", "--lang=en-GB", "--no-first-run", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driver)
        .usingAnyFreePort()
        .withLogOutput(System.err)
        .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return chrome;
  }

  /** Saves what the browser shows now as target/screenshots/{name}.png, for a person to look at. */
  static Path screenshot(ChromeDriver chrome, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
    return file;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
