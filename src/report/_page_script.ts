/**
 * The script that runs in the report page: it parses the embedded chart data
 * (`#report-data`) and draws each chart with the inlined Chart.js, in the
 * theme colours of the stylesheet, without animation, and redraws them when
 * the colour scheme changes or the page is printed. When done it sets
 * `window.__reportReady` to the `performance.now()` time and
 * `<html data-charts="N">` to the number of charts drawn.
 *
 * Canvas ids are `chart-forest-<segment>`, `chart-segments-<i>`,
 * `chart-bootstrap`, `chart-srm`, `chart-power`, `chart-oc` and `chart-longtail`
 * (see `_panels.ts`); data shapes are `ChartData` (see `_chart_data.ts`).
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
function dirColor(d) { return d > 0 ? C.up : d < 0 ? C.down : C.ns; }
function pct(x) { return (x > 0 ? "+" : "") + x.toFixed(1) + "%"; }
function isZero(c) { return c.tick && c.tick.value === 0; }
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
function bottomLegend() { return { legend: { position: "bottom" } }; }
function categoryX() { return { grid: { display: false }, ticks: { color: C.fg } }; }

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
  var f = plot.rows;
  function tip(c) { var r = f[c.dataIndex]; return "lift " + pct(r.lift) + "  [" + pct(r.lo) + ", " + pct(r.hi) + "]"; }
  draw("forest-" + plot.segment, { type: "bar",
    data: { labels: f.map(function (r) { return r.label; }), datasets: [
      { type: "bar", label: "interval", data: f.map(function (r) { return [r.lo, r.hi]; }),
        backgroundColor: f.map(function (r) { return alpha(dirColor(r.dir), 0.25); }),
        borderColor: f.map(function (r) { return dirColor(r.dir); }), borderWidth: 1, borderSkipped: false,
        barPercentage: 0.5, categoryPercentage: 1, order: 2 },
      { type: "line", label: "lift", data: f.map(function (r) { return r.lift; }), showLine: false,
        pointRadius: 5, pointHoverRadius: 6, pointStyle: "rectRot", order: 1, pointBorderColor: C.fg,
        pointBorderWidth: 0.5, pointBackgroundColor: f.map(function (r) { return dirColor(r.dir); }) } ] },
    options: { indexAxis: "y",
      scales: {
        x: { grace: "5%", title: { display: true, text: "relative lift (%)" },
          grid: { color: function (c) { return isZero(c) ? C.muted : C.grid; },
            lineWidth: function (c) { return isZero(c) ? 1.5 : 1; } },
          ticks: { maxTicksLimit: 6, callback: function (x) { return pct(x); } } },
        y: categoryX() },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: tip } } } } });
}

function segments(s, i) {
  draw("segments-" + i, { type: "bar", data: armBars(s.labels, s.control, s.test),
    options: { scales: { y: { beginAtZero: true, ticks: { maxTicksLimit: 6 } }, x: categoryX() }, plugins: bottomLegend() } });
}

function bootstrap(b) {
  var top = Math.max.apply(null, b.counts);
  var sets = [{ type: "bar", label: "replicates", order: 3, backgroundColor: alpha(C.test, 0.55), borderWidth: 0,
    barPercentage: 1, categoryPercentage: 1,
    data: b.counts.map(function (n, i) { return { x: b.x0 + (i + 0.5) * b.width, y: n }; }) }];
  sets.push(vline("observed", b.observed, top, C.mark));
  if (b.ci) sets.push(vline("interval", b.ci[0], top, C.muted, [5, 4]), vline("", b.ci[1], top, C.muted, [5, 4]));
  if (b.zero) sets.push(vline("zero", 0, top, C.fg, [2, 3]));
  draw("bootstrap", { type: "bar", data: { datasets: sets },
    options: { scales: {
      x: { type: "linear", offset: false, title: { display: true, text: "Δ " + b.metric }, ticks: { maxTicksLimit: 8 } },
      y: { beginAtZero: true, title: { display: true, text: "replicates" } } },
      plugins: { legend: { position: "bottom", labels: { filter: function (i) { return i.text !== ""; } } } } } });
}

function srm(r) {
  draw("srm", { type: "bar",
    data: { labels: [data.arms.control, data.arms.test], datasets: [
      { label: "expected", data: r.expected, backgroundColor: alpha(C.ns, 0.35), borderColor: C.ns, borderWidth: 1,
        borderRadius: 3 },
      { label: "served", data: r.observed, backgroundColor: [C.control, C.test], borderRadius: 3 } ] },
    options: { scales: { y: { beginAtZero: true }, x: categoryX() }, plugins: bottomLegend() } });
}

function power(p) {
  var xs = p.curve.map(function (c) { return c[0]; });
  var lo = Math.min.apply(null, xs), hi = Math.max.apply(null, xs);
  function tick(x) {
    var m = x / Math.pow(10, Math.floor(Math.log10(x)));
    if (p.log && ![1, 2, 5].some(function (k) { return Math.abs(m - k) < 1e-6; })) return "";
    return x >= 1000 ? Number((x / 1000).toPrecision(3)) + "k" : String(x);
  }
  var sets = [
    { label: "MDE", data: p.curve.map(function (c) { return { x: c[0], y: c[1] }; }), borderColor: C.test,
      backgroundColor: C.test, pointRadius: 0, borderWidth: 2, tension: 0.2 },
    { label: "target", data: [{ x: lo, y: p.target }, { x: hi, y: p.target }], borderColor: C.mark,
      borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 },
    { label: "current n", data: [{ x: p.n, y: p.mde }], showLine: false, pointRadius: 6,
      backgroundColor: C.fg, borderColor: C.fg } ];
  if (p.needed >= lo && p.needed <= hi) {
    sets.push({ label: "needed n", data: [{ x: p.needed, y: p.target }], showLine: false, pointRadius: 6,
      pointStyle: "triangle", backgroundColor: C.mark, borderColor: C.mark });
  }
  draw("power", { type: "line", data: { datasets: sets },
    options: { scales: {
      x: { type: p.log ? "logarithmic" : "linear", title: { display: true, text: "users per arm" },
        ticks: { autoSkip: false, maxRotation: 0, callback: tick } },
      y: { beginAtZero: true, title: { display: true, text: "relative MDE (%)" } } },
      plugins: bottomLegend() } });
}

function oc(o) {
  var sets = [
    { label: "P(admit)", data: o.admit.map(function (p) { return { x: p[0], y: p[1] }; }), borderColor: C.up,
      backgroundColor: C.up, pointRadius: 0, borderWidth: 2 },
    { label: "P(reject)", data: o.reject.map(function (p) { return { x: p[0], y: p[1] }; }), borderColor: C.down,
      backgroundColor: C.down, pointRadius: 0, borderWidth: 2 },
    vline("threshold", o.threshold, 100, C.muted, [5, 4]) ];
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
      x: { type: "linear", title: { display: true, text: "true relative lift δ (%)" },
        ticks: { maxTicksLimit: 8, callback: function (x) { return pct(x); } } },
      y: { min: 0, max: 100, title: { display: true, text: "probability (%)" } } },
      plugins: { legend: { position: "bottom", labels: { filter: function (i) { return i.text !== ""; } } } } } });
}

function longTail(t) {
  draw("longtail", { type: "bar", data: armBars(t.buckets, t.control, t.test),
    options: { scales: {
      y: { beginAtZero: true, title: { display: true, text: "share of slots (%)" } },
      x: Object.assign({ title: { display: true, text: "item popularity bucket" } }, categoryX()) },
      plugins: bottomLegend() } });
}

function render() {
  charts.forEach(function (c) { c.destroy(); });
  charts = [];
  theme();
  (data.forest || []).forEach(forest);
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
