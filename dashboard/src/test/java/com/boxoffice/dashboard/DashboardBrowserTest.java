package com.boxoffice.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.boxoffice.shared.testing.LoopbackWireMock;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in headless Chromium, its files and a stand-in for the analytics API served
 * by one WireMock server on 127.0.0.1 (same origin, as behind the local runner or CloudFront).
 * Each test leaves a screenshot in target/screenshots/.
 */
@Tag("browser")
class DashboardBrowserTest {
  private static final String EVENT = "evt-demo";
  private static final String TOKEN = "test-organizer-token";
  private static final String ANALYTICS = "/v1/org/events/" + EVENT + "/analytics";
  private static final DateTimeFormatter BERLIN_TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK).withZone(ZoneId.of("Europe/Berlin"));

  @RegisterExtension
  final LoopbackWireMock server = new LoopbackWireMock();

  private static ChromeDriver chrome;
  private WebDriverWait wait;
  /** The end of the period every stubbed answer covers. */
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void startBrowser() {
    chrome = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (chrome != null) {
      chrome.quit();
    }
  }

  @BeforeEach
  void servePage() throws IOException, URISyntaxException {
    Path site = Path.of(Objects.requireNonNull(getClass().getClassLoader().getResource("dashboard/index.html"),
        "dashboard/index.html is not on the classpath: build the module first").toURI()).getParent();
    try (Stream<Path> files = Files.walk(site)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String path = "/dashboard/" + site.relativize(file).toString().replace('\\', '/');
        ResponseDefinitionBuilder body = aResponse().withStatus(200)
            .withHeader("Content-Type", contentType(file)).withBody(Files.readAllBytes(file));
        server.stubFor(get(urlPathEqualTo(path)).willReturn(body));
        if (path.endsWith("/index.html")) {
          server.stubFor(get(urlPathEqualTo(path.substring(0, path.length() - "index.html".length()))).willReturn(body));
        }
      }
    }
    // Whatever reaches the API without the organizer's token is refused, as the authorizer would.
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(json(401, "{\"message\":\"Unauthorized\"}")));
    wait = new WebDriverWait(chrome, Duration.ofSeconds(15), Duration.ofMillis(50));
  }

  @AfterEach
  void screenshot(TestInfo test) throws IOException {
    HeadlessChromium.screenshot(chrome, test.getTestMethod().orElseThrow().getName());
  }

  @Test
  void freshDataShowsTheFiguresChartsAndAFreshBadge() {
    analyticsAnswers(200, analytics(42, false, false, null, false));

    open("");

    waitForFigures();
    assertThat(text("kpi-tickets-sold")).isEqualTo("5");
    assertThat(text("kpi-gross")).isEqualTo("€125.00");
    assertThat(text("kpi-refunded")).isEqualTo("€0.00");
    assertThat(text("kpi-check-ins")).isEqualTo("4");
    assertThat(text("kpi-inside-now")).isEqualTo("3");
    assertThat(text("kpi-sell-through")).isEqualTo("4.6%");
    assertThat(text("kpi-check-in-rate")).isEqualTo("80%");
    WebElement refundRate = chrome.findElement(By.id("kpi-refund-rate"));
    assertThat(refundRate.getText()).isEqualTo("N/A");
    assertThat(refundRate.getDomAttribute("title")).isEqualTo("No tickets sold yet");

    WebElement badge = chrome.findElement(By.id("freshness"));
    assertThat(badge.getText()).isEqualTo("updated just now");
    assertThat(badge.getDomAttribute("data-stale")).isEqualTo("false");
    assertThat(chrome.findElement(By.id("degraded")).isDisplayed()).isFalse();
    assertThat(chrome.findElement(By.id("error")).isDisplayed()).isFalse();
    // Times read in the event's zone, whatever the zone of the machine running the browser.
    assertThat(text("subtitle")).startsWith("Times in Europe/Berlin")
        .contains(BERLIN_TIME.format(now));
    assertThat(chrome.findElements(By.cssSelector("#sales-chart canvas"))).hasSize(1);
    assertThat(chrome.findElements(By.cssSelector("#checkins-chart canvas"))).hasSize(1);
    assertThat(text("types-body")).contains("General admission").contains("€125.00");

    // The token went to the API as a bearer token and nowhere else: not left in the address bar.
    server.verify(1, getRequestedFor(urlPathEqualTo(ANALYTICS))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .withQueryParam("bucket", equalTo("hour"))
        .withQueryParam("from", matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z"))
        .withQueryParam("to", matching("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));
    assertThat(chrome.getCurrentUrl()).doesNotContain(TOKEN).doesNotContain("#");
    assertThat(chrome.getPageSource()).doesNotContain(TOKEN);
  }

  @Test
  void staleDataIsMarkedStaleAndLooksDifferent() {
    analyticsAnswers(200, analytics(42, false, false, null, false));
    open("");
    waitForFigures();
    String freshColour = chrome.findElement(By.id("freshness")).getCssValue("background-color");

    server.resetRequests();
    // A slow answer, so the button can be seen busy while the call runs.
    server.stubFor(get(urlPathEqualTo(ANALYTICS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json(200, analytics(900, true, false, null, false)).withFixedDelay(1500)));
    WebElement refresh = chrome.findElement(By.id("refresh"));
    refresh.click();

    wait.until(ExpectedConditions.attributeToBe(refresh, "aria-busy", "true"));
    assertThat(refresh.isEnabled()).isFalse();
    assertThat(refresh.getText()).isEqualTo("Refreshing…");
    wait.until(ExpectedConditions.attributeToBe(By.id("freshness"), "data-stale", "true"));
    WebElement badge = chrome.findElement(By.id("freshness"));
    assertThat(badge.getText()).isEqualTo("Stale: updated 15 min ago");
    assertThat(badge.getCssValue("background-color")).isNotEqualTo(freshColour);
    assertThat(badge.getDomAttribute("title")).contains("Europe/Berlin");
    assertThat(text("kpi-tickets-sold")).isEqualTo("5");
    wait.until(ExpectedConditions.elementToBeClickable(By.id("refresh")));
    assertThat(text("refresh")).isEqualTo("Refresh");
  }

  @Test
  void degradedAnswersShowTheBannerWithTheFigures() {
    analyticsAnswers(200, analytics(42, false, true, "aggregates_timeout", false));

    open("");

    waitForFigures();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("degraded")));
    WebElement banner = chrome.findElement(By.id("degraded"));
    assertThat(banner.getText()).startsWith("Degraded:").contains("took too long");
    assertThat(banner.getDomAttribute("role")).isEqualTo("alert");
    assertThat(text("kpi-tickets-sold")).isEqualTo("5");
  }

  @Test
  void afterThreeFailedRetriesARetryButtonBringsTheFiguresBack() throws IOException {
    analyticsAnswers(503, """
        {"error":{"code":"analytics_unavailable","message":"Analytics are unavailable.","retryable":true,"fields":{}}}""");

    open("&retryDelays=100,200,300");

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("retry")));
    // The first call and exactly three automatic retries, then the page waits for the person.
    server.verify(4, getRequestedFor(urlPathEqualTo(ANALYTICS)));
    assertThat(text("error-message")).contains("503").contains("analytics_unavailable");
    assertThat(text("status")).contains("Retry");
    assertThat(chrome.findElement(By.id("content")).isDisplayed()).isFalse();
    HeadlessChromium.screenshot(chrome, "afterThreeFailedRetriesARetryButtonBringsTheFiguresBack-error");

    analyticsAnswers(200, analytics(42, false, false, null, false));
    chrome.findElement(By.id("retry")).click();

    waitForFigures();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("error")));
    server.verify(5, getRequestedFor(urlPathEqualTo(ANALYTICS)));
    assertThat(text("kpi-tickets-sold")).isEqualTo("5");
  }

  @Test
  void aFailureFollowedByASuccessfulRetryRecoversByItself() {
    server.stubFor(get(urlPathEqualTo(ANALYTICS)).inScenario("flaky").whenScenarioStateIs(STARTED)
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json(503, """
            {"error":{"code":"analytics_unavailable","message":"Analytics are unavailable.","retryable":true,"fields":{}}}"""))
        .willSetStateTo("recovered"));
    server.stubFor(get(urlPathEqualTo(ANALYTICS)).inScenario("flaky").whenScenarioStateIs("recovered")
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json(200, analytics(42, false, false, null, false))));

    open("&retryDelays=200,200,200");

    waitForFigures();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("error")));
    server.verify(2, getRequestedFor(urlPathEqualTo(ANALYTICS)));
    assertThat(chrome.findElement(By.id("retry")).isDisplayed()).isFalse();
  }

  @Test
  void anEmptyEventShowsZerosAndNotApplicableRatesButNeverNaN() {
    analyticsAnswers(200, analytics(0, false, false, null, true));

    open("");

    waitForFigures();
    assertThat(text("kpi-tickets-sold")).isEqualTo("0");
    assertThat(text("kpi-gross")).isEqualTo("€0.00");
    assertThat(text("kpi-inside-now")).isEqualTo("0");
    for (String rate : List.of("kpi-sell-through", "kpi-check-in-rate", "kpi-refund-rate")) {
      assertThat(text(rate)).as(rate).isEqualTo("N/A");
      assertThat(chrome.findElement(By.id(rate)).getDomAttribute("title")).as(rate).isNotBlank();
    }
    assertThat(text("types-body")).isEqualTo("No ticket types yet.");
    String page = chrome.findElement(By.tagName("body")).getText();
    assertThat(page).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain("undefined")
        .doesNotContainIgnoringCase("null");
    assertThat(chrome.findElements(By.cssSelector("#sales-chart canvas"))).hasSize(1);
  }

  @Test
  void anUnknownEventSaysSoWithoutRetrying() {
    analyticsAnswers(404, """
        {"error":{"code":"not_found","message":"No such event.","retryable":false,"fields":{}}}""");

    open("&retryDelays=50,50,50");

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    assertThat(text("error-message")).isEqualTo("Event “" + EVENT + "” was not found for your organization.");
    assertThat(chrome.findElement(By.id("retry")).isDisplayed()).isFalse();
    assertThat(chrome.findElement(By.id("content")).isDisplayed()).isFalse();
    server.verify(1, getRequestedFor(urlPathEqualTo(ANALYTICS)));
  }

  @Test
  void anExpiredTokenAsksToSignInAgain() {
    server.stubFor(get(urlPathEqualTo(ANALYTICS)).willReturn(json(401, "{\"message\":\"Unauthorized\"}")));

    open("");

    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin")));
    assertThat(text("signin-reason")).contains("sign in again");
    assertThat(chrome.findElement(By.id("event-input")).getDomProperty("value")).isEqualTo(EVENT);
    assertThat(chrome.findElement(By.cssSelector("label[for=token-input]")).getText()).isEqualTo("Organizer token");
  }

  // ---------------------------------------------------------------------------------------------

  private void open(String extraQuery) {
    chrome.get(server.baseUrl() + "/dashboard/?event=" + EVENT + extraQuery + "#token=" + TOKEN);
  }

  private void waitForFigures() {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("content")));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "Figures loaded."));
  }

  private String text(String id) {
    return chrome.findElement(By.id(id)).getText();
  }

  private void analyticsAnswers(int status, String body) {
    server.stubFor(get(urlPathEqualTo(ANALYTICS)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(json(status, body)));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** An answer in the API's contract; {@code empty} is an event with nothing sold, held or scanned. */
  private String analytics(int lagSeconds, boolean stale, boolean degraded, String degradedReason, boolean empty) {
    Instant asOf = now.minusSeconds(lagSeconds);
    String reason = degradedReason == null ? "null" : "\"" + degradedReason + "\"";
    String totals = empty
        ? """
          {"currency":"eur","orders":0,"ticketsSold":0,"grossAmount":0,"refundedAmount":0,"holds":0,"capacity":0,\
          "checkIns":0,"exits":0,"insideNow":0}"""
        : """
          {"currency":"eur","orders":3,"ticketsSold":5,"grossAmount":12500,"refundedAmount":0,"holds":2,"capacity":110,\
          "checkIns":4,"exits":1,"insideNow":3}""";
    String rates = empty
        ? """
          {"sellThrough":{"value":null,"reason":"no_capacity"},"checkInRate":{"value":null,"reason":"no_tickets"},\
          "refundRate":{"value":null,"reason":"no_sales"}}"""
        : """
          {"sellThrough":{"value":0.0455,"reason":null},"checkInRate":{"value":0.8,"reason":null},\
          "refundRate":{"value":null,"reason":"no_sales"}}""";
    String series = empty
        ? """
          [{"start":"2026-12-07T09:00:00+01:00","orders":0,"ticketsSold":0,"grossAmount":0,"refundedAmount":0,"checkIns":0,"exits":0},\
          {"start":"2026-12-07T10:00:00+01:00","orders":0,"ticketsSold":0,"grossAmount":0,"refundedAmount":0,"checkIns":0,"exits":0}]"""
        : """
          [{"start":"2026-12-07T09:00:00+01:00","orders":1,"ticketsSold":2,"grossAmount":5000,"refundedAmount":0,"checkIns":0,"exits":0},\
          {"start":"2026-12-07T10:00:00+01:00","orders":2,"ticketsSold":3,"grossAmount":7500,"refundedAmount":0,"checkIns":3,"exits":0},\
          {"start":"2026-12-07T11:00:00+01:00","orders":0,"ticketsSold":0,"grossAmount":0,"refundedAmount":0,"checkIns":1,"exits":1}]""";
    String types = empty
        ? "{\"items\":[],\"next\":null}"
        : """
          {"items":[{"ticketTypeId":"general","name":"General admission","capacity":100,"sold":5,"held":2,"checkIns":4,\
          "grossAmount":12500}],"next":null}""";
    return """
        {"eventId":"%s","timeZone":"Europe/Berlin","from":"%s","to":"%s","bucket":"hour","asOf":"%s","lagSeconds":%d,\
        "stale":%s,"degraded":%s,"degradedReason":%s,"totals":%s,"rates":%s,"series":%s,"ticketTypes":%s}"""
        .formatted(EVENT, now.minus(7, ChronoUnit.DAYS), now, asOf, lagSeconds, stale, degraded, reason,
            totals, rates, series, types);
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
