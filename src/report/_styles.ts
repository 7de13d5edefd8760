/**
 * The report's stylesheet: light and dark palettes (`prefers-color-scheme`,
 * screen only: print is always light), a responsive grid, and print rules. Chart colours are CSS custom properties
 * read by the page script, so charts follow the theme.
 *
 * @module
 */

/** The report CSS (constant; contains no input data). */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f5f6f8; --surface: #ffffff; --surface-2: #f0f2f5; --fg: #1c2128; --muted: #5d6773;
  --border: #dde1e6; --grid: rgba(27, 31, 36, 0.10); --accent: #2a5bd7;
  --c-control: #8a94a6; --c-test: #2a6fdb; --c-up: #1a7f37; --c-down: #cf222e; --c-ns: #8c959f;
  --c-mark: #e36209;
  --ok-fg: #116329; --ok-bg: #e7f5ea; --ok-bd: #7dc58f;
  --bad-fg: #a40e26; --bad-bg: #fdecee; --bad-bd: #f09aa6;
  --warn-fg: #7d4e00; --warn-bg: #fff5d6; --warn-bd: #e8c15a;
  --none-fg: #424a53; --none-bg: #eef0f3; --none-bd: #c4cad2;
  --hit-bg: rgba(26, 127, 55, 0.10);
  --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1116; --surface: #161b22; --surface-2: #1d232c; --fg: #e6edf3; --muted: #9aa6b2;
    --border: #2d333b; --grid: rgba(230, 237, 243, 0.12); --accent: #6ea8fe;
    --c-control: #8b96a8; --c-test: #58a6ff; --c-up: #3fb950; --c-down: #f85149; --c-ns: #7d8590;
    --c-mark: #f0883e;
    --ok-fg: #7ee2a0; --ok-bg: #12261a; --ok-bd: #2f6b40;
    --bad-fg: #ffa198; --bad-bg: #2d1215; --bad-bd: #8e2b33;
    --warn-fg: #f2cc60; --warn-bg: #2b2210; --warn-bd: #7a5d17;
    --none-fg: #c9d1d9; --none-bg: #1d232c; --none-bd: #3d444d;
    --hit-bg: rgba(63, 185, 80, 0.14);
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
}
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
header.masthead { background: var(--surface); border-bottom: 1px solid var(--border); padding: 22px 0 16px; }
.eyebrow { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin: 0 0 4px; }
h1 { font-size: 26px; line-height: 1.25; margin: 0 0 6px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 0 0 14px; }
h3 { font-size: 15px; margin: 0 0 8px; }
h3.spaced { margin-top: 16px; }
.lede { color: var(--muted); margin: 0 0 10px; max-width: 80ch; overflow-wrap: anywhere; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); font-size: 13px; }
.meta b { color: var(--fg); font-weight: 600; }
nav.toc { margin-top: 12px; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
main.wrap { padding-top: 20px; padding-bottom: 8px; }
section.card { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 20px 22px; margin: 0 0 18px; }
.muted { color: var(--muted); }
.small { font-size: 13px; }
code, .mono { font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; }
.num { font-variant-numeric: tabular-nums; }

/* verdict */
.verdict { border-radius: 10px; border: 1px solid; padding: 18px 22px; margin: 0 0 18px; }
.verdict.admit { background: var(--ok-bg); border-color: var(--ok-bd); color: var(--ok-fg); }
.verdict.reject { background: var(--bad-bg); border-color: var(--bad-bd); color: var(--bad-fg); }
.verdict.inconclusive { background: var(--warn-bg); border-color: var(--warn-bd); color: var(--warn-fg); }
.verdict.none { background: var(--none-bg); border-color: var(--none-bd); color: var(--none-fg); }
.verdict-head { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; }
.verdict-word { font-size: 28px; font-weight: 800; letter-spacing: .04em; }
.verdict-say { font-size: 16px; font-weight: 500; }
table.reasons { border-collapse: collapse; margin: 12px 0 0; width: 100%; color: var(--fg); }
table.reasons td, table.reasons th { padding: 6px 12px 6px 0; border-top: 1px solid var(--border); text-align: left; vertical-align: baseline; }
table.reasons td:first-child { width: 1%; }
table.reasons th { font-weight: 650; white-space: nowrap; overflow-wrap: anywhere; }
table.reasons td:last-child { width: 100%; overflow-wrap: anywhere; }
.pill { display: inline-block; min-width: 6.5em; text-align: center; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 700; border: 1px solid; white-space: nowrap; }
.pill.pass { color: var(--ok-fg); background: var(--ok-bg); border-color: var(--ok-bd); }
.pill.fail { color: var(--bad-fg); background: var(--bad-bg); border-color: var(--bad-bd); }
.pill.inconclusive { color: var(--warn-fg); background: var(--warn-bg); border-color: var(--warn-bd); }

/* headline numbers */
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin: 0 0 18px; }
.kpi { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 12px 16px; }
.kpi .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.kpi .value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.kpi .value.up { color: var(--c-up); }
.kpi .value.down { color: var(--c-down); }
.kpi .sub { font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }

/* summary */
.grid-3 { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px 28px; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; font-size: 14px; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.arm { border-left: 4px solid var(--c-control); padding: 2px 0 2px 12px; margin: 0 0 12px; }
.arm.test { border-left-color: var(--c-test); }
.arm .role { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.arm .name { font-weight: 650; overflow-wrap: anywhere; }
ul.params { margin: 4px 0 0; padding: 0; list-style: none; font-size: 13px; }

/* tables */
.table-scroll { overflow-x: auto; margin: 0 0 18px; border: 1px solid var(--border); border-radius: 8px; }
table.metrics { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; }
table.metrics caption { text-align: left; font-weight: 650; padding: 10px 12px; background: var(--surface-2); border-bottom: 1px solid var(--border); }
table.metrics caption span { font-weight: 400; color: var(--muted); }
table.metrics th, table.metrics td { padding: 6px 7px; border-bottom: 1px solid var(--border); text-align: right; white-space: nowrap; }
table.metrics thead th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--surface); }
table.metrics tbody th { font-weight: 500; }
table.metrics th:first-child, table.metrics td:first-child { text-align: left; }
table.metrics tbody tr:last-child > * { border-bottom: 0; }
table.metrics tbody tr:hover { background: var(--surface-2); }
table.metrics td.up { color: var(--c-up); font-weight: 650; }
table.metrics td.down { color: var(--c-down); font-weight: 650; }
table.metrics td.ci { color: var(--muted); font-size: 12px; }
.gate { display: inline-block; margin-left: 6px; font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--accent); border: 1px solid currentColor; border-radius: 4px; padding: 0 4px; vertical-align: 1px; }
.up-text { color: var(--c-up); }
.down-text { color: var(--c-down); }
.legend { font-size: 12.5px; color: var(--muted); margin: -6px 0 0; }

/* charts */
.panels { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.panel { border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; background: var(--surface); break-inside: avoid; }
.panel.wide { grid-column: 1 / -1; }
.panel p.sub { margin: -4px 0 10px; font-size: 12.5px; color: var(--muted); }
.figs { display: grid; gap: 8px 20px; }
.figs-2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.figs-3 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
figure.fig { margin: 0; min-width: 0; }
figure.fig figcaption { font-size: 12.5px; font-weight: 650; text-transform: capitalize; margin: 0 0 2px; }
.chart { position: relative; height: 250px; }
.chart canvas { display: block; }
.na { display: flex; align-items: center; justify-content: center; min-height: 90px; border: 1px dashed var(--border); border-radius: 6px; color: var(--muted); font-size: 13.5px; padding: 12px; text-align: center; }
.stats { display: flex; flex-wrap: wrap; gap: 6px 22px; margin-top: 10px; font-size: 13px; font-variant-numeric: tabular-nums; }
.stats b { font-weight: 650; }
.flag { font-weight: 700; border-radius: 4px; padding: 0 6px; }
.flag.bad { color: var(--bad-fg); background: var(--bad-bg); }
.flag.ok { color: var(--ok-fg); background: var(--ok-bg); }
.noscript { color: var(--muted); font-size: 13px; }

/* examples */
.examples { display: grid; gap: 16px; }
.example { border: 1px solid var(--border); border-radius: 8px; padding: 14px 16px; break-inside: avoid; }
.example h3 .mono { font-weight: 400; }
.history { font-size: 13px; color: var(--muted); margin: 0 0 10px; }
.history ol { display: inline; margin: 0; padding: 0; list-style: none; }
.history li { display: inline; }
.history li + li::before { content: " · "; }
.history li.hit-h { color: var(--fg); }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.lists h4 { font-size: 13px; margin: 0 0 6px; display: flex; justify-content: space-between; gap: 8px; }
.lists h4 .muted { font-weight: 400; }
ol.topk { margin: 0; padding: 0; list-style: none; counter-reset: rank; font-size: 13.5px; }
ol.topk li { counter-increment: rank; display: grid; grid-template-columns: 2em 1fr auto; gap: 0 6px; padding: 3px 6px; border-radius: 5px; }
ol.topk li::before { content: counter(rank) "."; color: var(--muted); text-align: right; }
ol.topk li.hit { background: var(--hit-bg); }
ol.topk .title { overflow-wrap: anywhere; }
ol.topk .why { grid-column: 2 / 4; font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
ol.topk .id { font-family: var(--mono); font-size: 11.5px; color: var(--muted); }
.hitmark { color: var(--c-up); font-weight: 700; font-size: 12px; white-space: nowrap; }

/* footer */
footer.repro { border-top: 1px solid var(--border); background: var(--surface); padding: 20px 0 28px; font-size: 13px; }
footer.repro h2 { font-size: 16px; }
footer.repro table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; }
footer.repro td { padding: 1px 12px 1px 0; vertical-align: top; }
footer.repro td:first-child { color: var(--muted); white-space: nowrap; }
.repro-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 14px 28px; }
.repro-grid .span-all { grid-column: 1 / -1; }

@media screen and (max-width: 820px) {
  .wrap { padding: 0 14px; }
  .panels, .lists, .figs-2, .figs-3 { grid-template-columns: 1fr; }
  section.card { padding: 16px 14px; }
  .verdict-word { font-size: 23px; }
  table.reasons tr { display: block; border-top: 1px solid var(--border); padding: 6px 0; }
  table.reasons td, table.reasons th { display: inline; border: 0; padding: 0 8px 0 0; white-space: normal; }
  table.reasons td:last-child { display: block; width: auto; padding-top: 2px; }
}
@media print {
  :root { color-scheme: light; }
  body { background: #fff; color: #000; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc, .noscript { display: none; }
  header.masthead, footer.repro, section.card { background: #fff; }
  section.card, .panel, .example, .verdict, .kpi { border-color: #bbb; }
  section.card { break-inside: auto; padding: 10px 0; border: 0; }
  .table-scroll { overflow: visible; }
  table.metrics { font-size: 9pt; }
  table.metrics th, table.metrics td { padding: 3px 4px; white-space: normal; }
  table.metrics td.ci { font-size: 8pt; }
  table.metrics td.up, table.metrics td.down { white-space: nowrap; }
  .figs-3 { grid-template-columns: 1fr; }
  .panels { grid-template-columns: 1fr 1fr; }
  .panel, .example, tr, .kpi { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
