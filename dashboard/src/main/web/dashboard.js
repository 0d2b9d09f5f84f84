/*
 * The organizer's analytics page. Reads GET /v1/org/events/{id}/analytics with the organizer's
 * bearer token and shows the key figures, the sales and check-in charts (uPlot), how fresh the
 * figures are, a banner when the aggregates are degraded, and an error state that retries by
 * itself before offering a button.
 *
 * Query parameters: event (the event id), range (24h | 7d | 30d), retryDelays (milliseconds,
 * comma separated; default 1000,2000,4000). The token comes from the address fragment
 * (#token=..., never sent to a server; moved to sessionStorage and taken out of the address bar)
 * or from the sign-in form. Nothing secret is in this file.
 */
(function () {
  "use strict";

  var TOKEN_KEY = "boxoffice.organizerToken";
  var STALE_AFTER_SECONDS = 300;
  var DEFAULT_RETRY_DELAYS = [1000, 2000, 4000];
  var RANGES = {
    "24h": { hours: 24, bucket: "hour" },
    "7d": { hours: 24 * 7, bucket: "hour" },
    "30d": { hours: 24 * 30, bucket: "day" }
  };
  var RATE_REASONS = {
    no_sales: "No tickets sold yet",
    no_capacity: "No capacity set for this event",
    no_tickets: "No tickets issued yet",
    no_admissions: "Nobody has checked in yet"
  };
  var DEGRADED_REASONS = {
    aggregates_timeout: "The figures took too long to compute, so some may be missing or out of date.",
    aggregates_unavailable: "The aggregated figures are unavailable right now; what is shown may be incomplete."
  };

  var $ = function (id) { return document.getElementById(id); };
  var params = new URLSearchParams(window.location.search);

  var state = {
    eventId: params.get("event") || "",
    range: RANGES[params.get("range")] ? params.get("range") : "7d",
    retryDelays: parseDelays(params.get("retryDelays") || document.body.getAttribute("data-retry-delays")),
    token: null,
    data: null,
    receivedAt: 0,
    loading: false,
    attempt: 0,
    retryTimer: null,
    charts: []
  };

  function parseDelays(text) {
    if (!text) {
      return DEFAULT_RETRY_DELAYS.slice();
    }
    var delays = text.split(",").map(function (s) { return parseInt(s, 10); })
      .filter(function (n) { return isFinite(n) && n >= 0; });
    return delays.length ? delays : DEFAULT_RETRY_DELAYS.slice();
  }

  function apiBase() {
    var meta = document.querySelector('meta[name="boxoffice-api-base"]');
    var base = meta ? meta.getAttribute("content") : "";
    return (base || window.location.origin).replace(/\/+$/, "");
  }

  // --- the token: fragment -> sessionStorage, never left in the address bar ------------------
  function takeTokenFromFragment() {
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash) {
      return;
    }
    var fragment = new URLSearchParams(hash);
    var token = fragment.get("token");
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      fragment.delete("token");
      var rest = fragment.toString();
      history.replaceState(null, "", window.location.pathname + window.location.search + (rest ? "#" + rest : ""));
    }
  }

  // --- formatting: never NaN, Infinity or undefined on screen --------------------------------
  function isNumber(x) {
    return typeof x === "number" && isFinite(x);
  }

  function count(x) {
    return isNumber(x) ? new Intl.NumberFormat("en").format(x) : "N/A";
  }

  function money(minor, currency) {
    if (!isNumber(minor)) {
      return "N/A";
    }
    var code = (currency || "").toUpperCase();
    try {
      var format = new Intl.NumberFormat("en", { style: "currency", currency: code });
      var digits = format.resolvedOptions().maximumFractionDigits;
      return format.format(minor / Math.pow(10, digits));
    } catch (e) {
      return count(minor) + (code ? " " + code : "");
    }
  }

  function percent(x) {
    return isNumber(x) ? new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 }).format(x) : "N/A";
  }

  function dateTime(iso, timeZone) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return "unknown time";
    }
    try {
      return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: timeZone }).format(d);
    } catch (e) {
      return d.toISOString();
    }
  }

  function ago(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    if (s < 60) {
      return "updated just now";
    }
    var minutes = Math.floor(s / 60);
    if (minutes < 60) {
      return "updated " + minutes + " min ago";
    }
    var hours = Math.floor(minutes / 60);
    if (hours < 48) {
      return "updated " + hours + " h ago";
    }
    return "updated " + Math.floor(hours / 24) + " days ago";
  }

  function setText(el, text) {
    el.textContent = text;
  }

  // --- showing --------------------------------------------------------------------------------
  function show(id, visible) {
    $(id).hidden = !visible;
  }

  function setBusy(busy) {
    state.loading = busy;
    var button = $("refresh");
    button.disabled = busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
    setText(button, busy ? "Refreshing…" : "Refresh");
    document.body.classList.toggle("is-loading", busy);
  }

  function showSignIn(reason) {
    show("signin", true);
    show("content", false);
    $("event-input").value = state.eventId;
    setText($("signin-reason"), reason || "Paste the organizer token from your sign-in.");
    setText($("status"), "");
  }

  function renderFreshness() {
    var badge = $("freshness");
    if (!state.data) {
      badge.hidden = true;
      return;
    }
    var lag = isNumber(state.data.lagSeconds) ? state.data.lagSeconds : 0;
    var age = lag + (Date.now() - state.receivedAt) / 1000;
    var stale = state.data.stale === true || age > STALE_AFTER_SECONDS;
    badge.hidden = false;
    badge.classList.toggle("badge-stale", stale);
    badge.classList.toggle("badge-fresh", !stale);
    badge.setAttribute("data-stale", stale ? "true" : "false");
    setText(badge, (stale ? "Stale: " : "") + ago(age));
    badge.title = "Figures as of " + dateTime(state.data.asOf, state.data.timeZone)
      + " (" + (state.data.timeZone || "UTC") + ")";
  }

  function renderDegraded(data) {
    var banner = $("degraded");
    if (data.degraded) {
      var reason = DEGRADED_REASONS[data.degradedReason]
        || "Some figures could not be computed right now; what is shown may be incomplete.";
      setText(banner, "Degraded: " + reason);
      banner.setAttribute("data-reason", data.degradedReason || "");
      banner.hidden = false;
    } else {
      banner.hidden = true;
      setText(banner, "");
    }
  }

  function kpi(list, id, label, value, title, extra) {
    var dt = document.createElement("dt");
    setText(dt, label);
    var dd = document.createElement("dd");
    var figure = document.createElement("span");
    figure.id = "kpi-" + id;
    figure.className = "figure";
    setText(figure, value);
    if (value === "N/A") {
      figure.classList.add("na");
    }
    if (title) {
      figure.title = title;
    }
    dd.appendChild(figure);
    if (extra) {
      var small = document.createElement("span");
      small.className = "sub muted small";
      setText(small, extra);
      dd.appendChild(small);
    }
    var box = document.createElement("div");
    box.className = "kpi";
    box.appendChild(dt);
    box.appendChild(dd);
    list.appendChild(box);
  }

  function rate(rates, name) {
    var r = rates && rates[name];
    var value = r && isNumber(r.value) ? r.value : null;
    var reason = r && r.reason ? (RATE_REASONS[r.reason] || r.reason) : (value === null ? "Cannot be computed" : null);
    return { text: percent(value), title: value === null ? reason : null };
  }

  function renderKpis(data) {
    var t = data.totals || {};
    var list = $("kpis");
    list.textContent = "";
    var sell = rate(data.rates, "sellThrough");
    var checkIn = rate(data.rates, "checkInRate");
    var refund = rate(data.rates, "refundRate");
    kpi(list, "tickets-sold", "Tickets sold", count(t.ticketsSold), null,
      isNumber(t.capacity) ? "of " + count(t.capacity) + " capacity" : null);
    kpi(list, "gross", "Gross sales", money(t.grossAmount, t.currency), null, "orders: " + count(t.orders));
    kpi(list, "refunded", "Refunded", money(t.refundedAmount, t.currency));
    kpi(list, "holds", "Seats on hold", count(t.holds));
    kpi(list, "sell-through", "Sell-through", sell.text, sell.title);
    kpi(list, "check-ins", "Checked in", count(t.checkIns), null, "exits: " + count(t.exits));
    kpi(list, "inside-now", "Inside now", count(t.insideNow));
    kpi(list, "check-in-rate", "Check-in rate", checkIn.text, checkIn.title);
    kpi(list, "refund-rate", "Refund rate", refund.text, refund.title);
  }

  function renderTypes(data) {
    var body = $("types-body");
    body.textContent = "";
    var items = (data.ticketTypes && data.ticketTypes.items) || [];
    var currency = data.totals && data.totals.currency;
    if (!items.length) {
      var row = document.createElement("tr");
      var cell = document.createElement("td");
      cell.colSpan = 6;
      cell.className = "muted";
      setText(cell, "No ticket types yet.");
      row.appendChild(cell);
      body.appendChild(row);
      return;
    }
    items.forEach(function (item) {
      var row = document.createElement("tr");
      [item.name || item.ticketTypeId, count(item.capacity), count(item.sold), count(item.held),
        count(item.checkIns), money(item.grossAmount, currency)].forEach(function (text, i) {
        var cell = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) {
          cell.scope = "row";
        }
        setText(cell, text);
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
    if (data.ticketTypes && data.ticketTypes.next) {
      var more = document.createElement("tr");
      var note = document.createElement("td");
      note.colSpan = 6;
      note.className = "muted";
      setText(note, "More ticket types exist than are shown here.");
      more.appendChild(note);
      body.appendChild(more);
    }
  }

  function numbers(series, field) {
    return series.map(function (b) { return isNumber(b[field]) ? b[field] : null; });
  }

  function sum(values) {
    return values.reduce(function (a, v) { return a + (isNumber(v) ? v : 0); }, 0);
  }

  function chart(targetId, summaryId, xs, lines, timeZone, noun) {
    var target = $(targetId);
    target.textContent = "";
    if (!xs.length) {
      var empty = document.createElement("p");
      empty.className = "empty muted";
      setText(empty, "No " + noun + " in this period.");
      target.appendChild(empty);
      setText($(summaryId), "");
      return;
    }
    setText($(summaryId), lines.map(function (l) { return l.label + ": " + count(sum(l.values)); }).join(" · ")
      + " over " + count(xs.length) + " periods (" + (timeZone || "UTC") + ")");
    if (typeof window.uPlot !== "function") {
      return;
    }
    var opts = {
      width: Math.max(280, target.clientWidth || 560),
      height: 220,
      tzDate: function (ts) { return window.uPlot.tzDate(new Date(ts * 1000), timeZone || "UTC"); },
      scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      series: [{}].concat(lines.map(function (l) {
        return { label: l.label, stroke: l.color, fill: l.fill, width: 2, value: function (u, v) { return v == null ? "–" : count(v); } };
      })),
      // Counts: whole-number ticks only.
      axes: [{}, {
        incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000],
        values: function (u, ticks) { return ticks.map(function (v) { return count(v); }); }
      }]
    };
    var chartData = [xs].concat(lines.map(function (l) { return l.values; }));
    state.charts.push(new window.uPlot(opts, chartData, target));
  }

  function renderCharts(data) {
    state.charts.forEach(function (c) { c.destroy(); });
    state.charts = [];
    var series = (data.series || []).filter(function (b) { return !isNaN(new Date(b.start).getTime()); });
    var xs = series.map(function (b) { return new Date(b.start).getTime() / 1000; });
    chart("sales-chart", "sales-summary", xs, [
      { label: "Tickets sold", values: numbers(series, "ticketsSold"), color: "#2563eb", fill: "rgba(37,99,235,0.12)" },
      { label: "Orders", values: numbers(series, "orders"), color: "#7c3aed" }
    ], data.timeZone, "sales");
    chart("checkins-chart", "checkins-summary", xs, [
      { label: "Check-ins", values: numbers(series, "checkIns"), color: "#059669", fill: "rgba(5,150,105,0.12)" },
      { label: "Exits", values: numbers(series, "exits"), color: "#d97706" }
    ], data.timeZone, "check-ins");
  }

  function render(data) {
    state.data = data;
    state.receivedAt = Date.now();
    show("signin", false);
    show("error", false);
    show("content", true);
    setText($("title"), "Analytics · " + (data.eventId || state.eventId));
    setText($("subtitle"), "Times in " + (data.timeZone || "UTC") + " · "
      + dateTime(data.from, data.timeZone) + " to " + dateTime(data.to, data.timeZone)
      + " · per " + (data.bucket === "day" ? "day" : "hour"));
    renderDegraded(data);
    renderFreshness();
    renderKpis(data);
    renderTypes(data);
    renderCharts(data);
    setText($("status"), "Figures loaded.");
  }

  // --- loading, with three automatic retries and then a button ---------------------------------
  function errorMessage(status, body) {
    var code = body && body.error && body.error.code;
    if (status === 404) {
      return { text: "Event “" + state.eventId + "” was not found for your organization.", retry: false };
    }
    if (status === 403) {
      return { text: "This sign-in may not read this event's analytics.", retry: false };
    }
    if (status === 400) {
      var why = code === "range_too_large" ? "The period is too long for this bucket size; choose a shorter one."
        : "The request was not accepted" + (body && body.error && body.error.message ? ": " + body.error.message : ".");
      return { text: why, retry: false };
    }
    var retryable = status === 0 || status >= 500 || status === 429 || (body && body.error && body.error.retryable === true);
    var message = status === 0 ? "The analytics service could not be reached."
      : "The analytics service answered " + status + (code ? " (" + code + ")" : "") + ".";
    return { text: message, retry: retryable };
  }

  function requestUrl() {
    var range = RANGES[state.range];
    var to = new Date();
    var from = new Date(to.getTime() - range.hours * 3600 * 1000);
    if (range.bucket === "day") {
      from.setUTCHours(0, 0, 0, 0);
    } else {
      from.setUTCMinutes(0, 0, 0);
    }
    return apiBase() + "/v1/org/events/" + encodeURIComponent(state.eventId) + "/analytics"
      + "?from=" + encodeURIComponent(from.toISOString().replace(/\.\d{3}Z$/, "Z"))
      + "&to=" + encodeURIComponent(to.toISOString().replace(/\.\d{3}Z$/, "Z"))
      + "&bucket=" + range.bucket;
  }

  function load(isRetry) {
    if (!state.eventId || !state.token) {
      showSignIn(!state.eventId ? "Enter the event id and your organizer token." : null);
      return;
    }
    if (state.retryTimer) {
      clearTimeout(state.retryTimer);
      state.retryTimer = null;
    }
    if (!isRetry) {
      state.attempt = 0;
    }
    setBusy(true);
    show("retry", false);
    setText($("status"), isRetry ? "Retrying…" : "Loading analytics…");
    fetch(requestUrl(), {
      headers: { Authorization: "Bearer " + state.token, Accept: "application/json" },
      cache: "no-store",
      credentials: "omit",
      referrerPolicy: "no-referrer"
    }).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch (e) {
          body = null;
        }
        return { status: response.status, body: body };
      });
    }, function () {
      return { status: 0, body: null };
    }).then(function (result) {
      setBusy(false);
      if (result.status === 200 && result.body && result.body.totals) {
        state.attempt = 0;
        render(result.body);
        return;
      }
      if (result.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        state.token = null;
        showSignIn("Your sign-in is missing or has expired; sign in again.");
        return;
      }
      fail(errorMessage(result.status, result.body));
    });
  }

  function fail(error) {
    show("error", true);
    setText($("error-message"), error.text);
    if (error.retry && state.attempt < state.retryDelays.length) {
      var delay = state.retryDelays[state.attempt];
      state.attempt += 1;
      setText($("status"), "Retrying in " + Math.max(1, Math.round(delay / 1000)) + " s (attempt "
        + state.attempt + " of " + state.retryDelays.length + ")…");
      state.retryTimer = setTimeout(function () { load(true); }, delay);
      return;
    }
    show("retry", error.retry);
    setText($("status"), error.retry ? "Automatic retries gave up; use Retry to try again." : "");
  }

  // --- wiring -------------------------------------------------------------------------------------
  function start() {
    takeTokenFromFragment();
    state.token = sessionStorage.getItem(TOKEN_KEY);
    $("range").value = state.range;
    $("range").addEventListener("change", function () {
      state.range = this.value;
      load(false);
    });
    $("refresh").addEventListener("click", function () { load(false); });
    $("retry").addEventListener("click", function () { load(false); });
    $("signin-form").addEventListener("submit", function (e) {
      e.preventDefault();
      state.eventId = $("event-input").value.trim();
      state.token = $("token-input").value.trim();
      $("token-input").value = "";
      if (state.token) {
        sessionStorage.setItem(TOKEN_KEY, state.token);
      }
      var query = new URLSearchParams(window.location.search);
      query.set("event", state.eventId);
      history.replaceState(null, "", window.location.pathname + "?" + query.toString());
      load(false);
    });
    setInterval(renderFreshness, 15000);
    load(false);
  }

  start();
})();
