/**
 * The script that runs in the report page: it parses the embedded chart data
 * (`#report-data`) and draws each chart with the inlined Chart.js, in the
 * theme colours of the stylesheet, without animation, with value labels, and
 * redraws them when the colour scheme changes or the page is printed. When
 * done it sets `window.__reportReady` to the `performance.now()` time and
 * `<html data-charts="N">` to the number of charts drawn.
 *
 * Canvas ids are `chart-forest-<segment>`, `chart-segments-<segment>`,
 * `chart-bootstrap`, `chart-srm`, `chart-power`, `chart-oc` and
 * `chart-longtail` (see `_panels.ts`); data shapes are `ChartData` (see
 * `_chart_data.ts`). Every label text comes formatted in the data.
 *
 * @module
 */

/** The page script (constant; reads input only via `JSON.parse`). */
export const PAGE_SCRIPT = `(function () {
"use strict";
var data = JSON.parse(document.getElementById("report-data").textContent);
var C = {};
var charts = [];

function alpha(hex, a) {
  var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return "rgba(" + parseInt(m[1], 16) + "," + parseInt(m[2], 16) + "," + parseInt(m[3], 16) + "," + a + ")";
}
function toneColor(t) { return t === "good" ? C.up : t === "bad" ? C.down : t === "changed" ? C.test : C.ns; }
function pct(x) { return (x > 0 ? "+" : x < 0 ? "\\u2212" : "") + Math.abs(x).toFixed(Math.abs(x) >= 100 ? 0 : 1) + "%"; }
function group(x) { return Math.round(x).toLocaleString("en-US"); }
function draw(id, config) {
  var el = document.getElementById("chart-" + id);
  if (!el) return;
  try {
    charts.push(new Chart(el, config));
  } catch (e) {
    console.error("chart " + id + ": " + e);
    el.parentNode.textContent = "Chart failed: " + e;
  }
}
function vline(label, x, top, color, dash) {
  return { type: "line", label: label, data: [{ x: x, y: 0 }, { x: x, y: top }], borderColor: color,
    borderWidth: 2, borderDash: dash || [], pointRadius: 0, fill: false };
}
function armBars(labels, control, test) {
  return { labels: labels, datasets: [
    { label: data.arms.control, data: control, backgroundColor: C.control, borderRadius: 3 },
    { label: data.arms.test, data: test, backgroundColor: C.test, borderRadius: 3 } ] };
}
function legend() {
  return { position: "bottom", labels: { filter: function (i) { return i.text !== ""; } } };
}
/** Whether a log axis labels tick v: 1-2-5 per decade on short axes, 1-3 or decades only on longer ones. */
function logTick(v, lo, hi, width) {
  var m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
  var decades = Math.log10(hi / lo) * (width < 300 ? 2 : 1);
  var keep = decades <= 1.5 ? [1, 2, 5] : decades <= 3 ? [1, 3] : [1];
  return keep.some(function (k) { return Math.abs(m - k) < 1e-6; });
}
function categoryX() { return { grid: { display: false }, ticks: { color: C.fg } }; }

/** Writes each bar's label (dataset.valueLabels[i]) above it. */
var valueLabels = { id: "valueLabels", afterDatasetsDraw: function (chart) {
  var ctx = chart.ctx;
  ctx.save();
  ctx.font = "600 11px " + Chart.defaults.font.family;
  ctx.fillStyle = C.fg;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  chart.data.datasets.forEach(function (ds, i) {
    var meta = chart.getDatasetMeta(i);
    if (!ds.valueLabels || meta.hidden) return;
    meta.data.forEach(function (el, j) {
      if (ds.valueLabels[j]) ctx.fillText(ds.valueLabels[j], el.x, el.y - 3);
    });
  });
  ctx.restore();
} };

function theme() {
  var css = getComputedStyle(document.documentElement);
  function v(name) { return css.getPropertyValue(name).trim(); }
  C = { control: v("--c-control"), test: v("--c-test"), up: v("--c-up"), down: v("--c-down"),
    ns: v("--c-ns"), mark: v("--c-mark"), fg: v("--fg"), muted: v("--muted"), grid: v("--grid") };
  var d = Chart.defaults;
  d.animation = false;
  d.responsive = true;
  d.maintainAspectRatio = false;
  d.color = C.muted;
  d.borderColor = C.grid;
  d.font.family = getComputedStyle(document.body).fontFamily;
  d.font.size = 12;
  d.plugins.legend.labels.boxWidth = 12;
  d.plugins.legend.labels.boxHeight = 12;
}

function forest(plot) {
  var f = plot.rows, ax = plot.axis;
  // log axis: positions in the ratio test / control = 1 + lift
  function at(x) { return ax.log ? 1 + x / 100 : x; }
  var lo = at(ax.min), hi = at(ax.max), zero = at(0);
  function tip(c) { var r = f[c.dataIndex]; return "lift " + pct(r.lift) + ", interval " + r.ci; }
  function tick(v) {
    if (ax.log && !logTick(v, lo, hi, this.width) && Math.abs(v - 1) > 1e-9) return "";
    return pct(ax.log ? (v - 1) * 100 : v);
  }
  draw("forest-" + plot.segment, { type: "bar",
    data: { labels: f.map(function (r) { return r.label; }), datasets: [
      { type: "bar", label: "interval", data: f.map(function (r) {
          return [r.lo === null ? lo : at(r.lo), r.hi === null ? hi : at(r.hi)]; }),
        backgroundColor: f.map(function (r) { return alpha(toneColor(r.tone), 0.28); }),
        borderColor: f.map(function (r) { return toneColor(r.tone); }), borderWidth: 1, borderSkipped: false,
        barPercentage: 0.5, categoryPercentage: 1, order: 2 },
      { type: "line", label: "lift", data: f.map(function (r) { return at(r.lift); }), showLine: false,
        pointRadius: 5, pointHoverRadius: 6, pointStyle: "rectRot", order: 1, pointBorderColor: C.fg,
        pointBorderWidth: 0.5, pointBackgroundColor: f.map(function (r) { return toneColor(r.tone); }) } ] },
    options: { indexAxis: "y",
      scales: {
        x: { type: ax.log ? "logarithmic" : "linear", min: lo, max: hi,
          title: { display: true, text: "relative lift (%)" + (ax.log ? ", log scale of test / control" : "") },
          grid: { color: function (c) { return c.tick && Math.abs(c.tick.value - zero) < 1e-9 ? C.fg : C.grid; },
            lineWidth: function (c) { return c.tick && Math.abs(c.tick.value - zero) < 1e-9 ? 1.5 : 1; } },
          afterBuildTicks: function (scale) {
            if (!scale.ticks.some(function (t) { return Math.abs(t.value - zero) < 1e-9; })) {
              scale.ticks.push({ value: zero });
              scale.ticks.sort(function (a, b) { return a.value - b.value; });
            }
          },
          ticks: { autoSkip: !ax.log, maxRotation: 0, maxTicksLimit: ax.log ? undefined : 6, includeBounds: false,
            callback: tick } },
        y: { grid: { display: false }, ticks: { color: C.fg, autoSkip: false } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: tip } } } } });
}

function segments(s) {
  var top = Math.max(s.values[0], s.values[1]);
  draw("segments-" + s.segment, { type: "bar",
    data: { labels: [data.arms.control, data.arms.test], datasets: [
      { label: s.metric, data: s.values, backgroundColor: [C.control, C.test], borderRadius: 3,
        valueLabels: s.labels } ] },
    options: { scales: { y: { beginAtZero: true, suggestedMax: top > 0 ? top * 1.18 : 1, ticks: { maxTicksLimit: 5 } },
      x: categoryX() }, plugins: { legend: { display: false } } },
    plugins: [valueLabels] });
}

function bootstrap(b) {
  var top = Math.max.apply(null, b.counts);
  var sets = [{ type: "bar", label: "resamples", order: 3, backgroundColor: alpha(C.test, 0.55), borderWidth: 0,
    barPercentage: 1, categoryPercentage: 1,
    data: b.counts.map(function (n, i) { return { x: b.x0 + (i + 0.5) * b.width, y: n }; }) }];
  sets.push(vline(b.labels.observed, b.observed, top, C.mark));
  if (b.ci) sets.push(vline(b.labels.ci, b.ci[0], top, C.muted, [5, 4]), vline("", b.ci[1], top, C.muted, [5, 4]));
  if (b.zero) sets.push(vline("zero", 0, top, C.fg, [2, 3]));
  draw("bootstrap", { type: "bar", data: { datasets: sets },
    options: { scales: {
      x: { type: "linear", offset: false, title: { display: true, text: "Δ " + b.metric + " (test \\u2212 control)" },
        ticks: { maxTicksLimit: 7 } },
      y: { beginAtZero: true, title: { display: true, text: "resamples" } } },
      plugins: { legend: legend() } } });
}

function srm(r) {
  draw("srm", { type: "bar",
    data: { labels: [data.arms.control, data.arms.test], datasets: [
      { label: "expected", data: r.expected, backgroundColor: alpha(C.ns, 0.35), borderColor: C.ns, borderWidth: 1,
        borderRadius: 3 },
      { label: "served", data: r.observed, backgroundColor: [C.control, C.test], borderRadius: 3,
        valueLabels: r.labels } ] },
    options: { scales: { y: { beginAtZero: true, grace: "12%", title: { display: true, text: "users" } }, x: categoryX() },
      plugins: { legend: legend() } },
    plugins: [valueLabels] });
}

function power(p) {
  function users(x) {
    if (!logTick(x, p.x[0], p.x[1], this.width)) return "";
    return x >= 1e6 ? Number((x / 1e6).toPrecision(3)) + "M" : x >= 1000 ? Number((x / 1000).toPrecision(3)) + "k" : String(x);
  }
  function mde(y) { return logTick(y, p.y[0], p.y[1], 1000) ? Number(y.toPrecision(3)).toLocaleString("en-US") + "%" : ""; }
  draw("power", { type: "line", data: { datasets: [
    { label: "MDE", data: p.curve.map(function (c) { return { x: c[0], y: c[1] }; }), borderColor: C.test,
      backgroundColor: C.test, pointRadius: 0, borderWidth: 2 },
    { label: "target", data: [{ x: p.x[0], y: p.target }, { x: p.x[1], y: p.target }], borderColor: C.mark,
      borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 },
    { label: p.labels.now, data: [{ x: p.n, y: p.mde }], showLine: false, pointRadius: 6,
      backgroundColor: C.fg, borderColor: C.fg },
    { label: p.labels.needed, data: [{ x: p.needed, y: p.target }], showLine: false, pointRadius: 7,
      pointStyle: "triangle", backgroundColor: C.mark, borderColor: C.mark } ] },
    options: { scales: {
      x: { type: "logarithmic", min: p.x[0], max: p.x[1], title: { display: true, text: "users per arm (log)" },
        ticks: { autoSkip: true, maxRotation: 0, callback: users } },
      y: { type: "logarithmic", min: p.y[0], max: p.y[1], title: { display: true, text: "relative MDE (%, log)" },
        ticks: { autoSkip: false, callback: mde } } },
      plugins: { legend: legend(),
        tooltip: { callbacks: { label: function (c) { return group(c.parsed.x) + " users: MDE " + c.parsed.y.toPrecision(3) + "%"; } } } } } });
}

function oc(o) {
  var sets = [
    { label: "P(admit)", data: o.admit.map(function (p) { return { x: p[0], y: p[1] }; }), borderColor: C.up,
      backgroundColor: C.up, pointRadius: 0, borderWidth: 2 },
    { label: "P(reject)", data: o.reject.map(function (p) { return { x: p[0], y: p[1] }; }), borderColor: C.down,
      backgroundColor: C.down, pointRadius: 0, borderWidth: 2 },
    vline(o.thresholdLabel, o.threshold, 100, C.muted, [5, 4]) ];
  if (o.measured.length) {
    sets.push({ label: "measured P(admit)", data: o.measured.map(function (m) { return { x: m.lift, y: m.admit }; }),
      showLine: false, pointRadius: 5, backgroundColor: C.fg, borderColor: C.fg });
    o.measured.forEach(function (m) {
      sets.push({ label: "", data: [{ x: m.lift, y: m.admitLo }, { x: m.lift, y: m.admitHi }], borderColor: C.fg,
        borderWidth: 1.5, pointRadius: 0 });
    });
    sets.push({ label: "measured P(reject)", data: o.measured.map(function (m) { return { x: m.lift, y: m.reject }; }),
      showLine: false, pointRadius: 5, pointStyle: "triangle", backgroundColor: C.down, borderColor: C.down });
  }
  draw("oc", { type: "line", data: { datasets: sets },
    options: { scales: {
      x: { type: "linear", title: { display: true, text: "true relative lift (%)" },
        ticks: { maxTicksLimit: 7, callback: function (x) { return pct(x); } } },
      y: { min: 0, max: 100, title: { display: true, text: "probability (%)" } } },
      plugins: { legend: legend(),
        tooltip: { callbacks: { label: function (c) { return c.dataset.label + " at " + pct(c.parsed.x) + ": " + c.parsed.y.toFixed(1) + "%"; } } } } } });
}

function longTail(t) {
  function labels(xs) { return xs.map(function (x) { return x >= 0.05 ? x.toFixed(x >= 10 ? 0 : 1) + "%" : ""; }); }
  var bars = armBars(t.buckets, t.control, t.test);
  bars.datasets[0].valueLabels = labels(t.control);
  bars.datasets[1].valueLabels = labels(t.test);
  draw("longtail", { type: "bar", data: bars,
    options: { scales: {
      y: { beginAtZero: true, grace: "12%", title: { display: true, text: "share of slots (%)" } },
      x: Object.assign({ title: { display: true, text: "item popularity bucket (most popular first)" } }, categoryX()) },
      plugins: { legend: legend() } },
    plugins: [valueLabels] });
}

function render() {
  charts.forEach(function (c) { c.destroy(); });
  charts = [];
  theme();
  (data.forest || []).forEach(function (f) { if (f.rows.length) forest(f); });
  (data.segments || []).forEach(segments);
  if (data.bootstrap) bootstrap(data.bootstrap);
  if (data.srm) srm(data.srm);
  if (data.power) power(data.power);
  if (data.longTail) longTail(data.longTail);
  if (data.oc) oc(data.oc);
  document.documentElement.setAttribute("data-charts", String(charts.length));
}

if (typeof Chart === "undefined") {
  console.error("Chart.js did not load");
  return;
}
render();
window.__reportReady = performance.now();
// redraw in the colours of the new theme: dark/light switch, and print (always light)
["(prefers-color-scheme: dark)", "print"].forEach(function (q) {
  var m = window.matchMedia(q);
  if (m.addEventListener) m.addEventListener("change", render);
});
})();
`;
