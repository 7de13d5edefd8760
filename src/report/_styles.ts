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
.meaning { color: var(--fg); margin: 12px 0 4px; font-size: 15px; }
.meaning h2 { font-size: 16px; margin: 0 0 6px; color: inherit; }
.meaning p { margin: 0 0 6px; }
.meaning ul { margin: 0; padding-left: 20px; }
.meaning li { margin: 4px 0; overflow-wrap: anywhere; }
.meaning .ci-text { font-weight: 650; white-space: nowrap; }
.out-pass { color: var(--ok-fg); }
.out-fail { color: var(--bad-fg); }
.out-inconclusive { color: var(--warn-fg); }
h3.rules-head { margin: 14px 0 0; font-size: 13px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
a.term { color: inherit; text-decoration: underline dotted; text-underline-offset: 2px; text-decoration-color: var(--muted); }
a.term:hover { color: var(--accent); }
a.dagger { color: var(--warn-fg); text-decoration: none; font-weight: 700; margin-left: 2px; }
.good { color: var(--c-up); }
.bad { color: var(--c-down); }
.changed { color: var(--c-test); }
.pill { display: inline-block; min-width: 6.5em; text-align: center; border-radius: 999px; padding: 1px 9px; font-size: 12px; font-weight: 700; border: 1px solid; white-space: nowrap; }
.pill.pass { color: var(--ok-fg); background: var(--ok-bg); border-color: var(--ok-bd); }
.pill.fail { color: var(--bad-fg); background: var(--bad-bg); border-color: var(--bad-bd); }
.pill.inconclusive { color: var(--warn-fg); background: var(--warn-bg); border-color: var(--warn-bd); }

/* headline numbers */
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; margin: 0 0 18px; }
.kpi { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; padding: 12px 16px; }
.kpi .label { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.kpi .value { font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
.kpi.primary { border: 2px solid var(--accent); }
.kpi .label .pill { min-width: 0; margin-left: 4px; vertical-align: 1px; text-transform: none; letter-spacing: 0; }
.kpi .value .unit { font-size: 14px; font-weight: 500; color: var(--muted); }
.kpi .sub { font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
.kpi .sub .ci-text { color: var(--fg); font-weight: 600; }
.kpi .cibar { width: 100%; margin: 4px 0 6px; }

/* summary */
.grid-3 { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px 28px; }
dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; font-size: 14px; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.arm { border-left: 4px solid var(--c-control); padding: 2px 0 2px 12px; margin: 0 0 12px; }
.arm.test { border-left-color: var(--c-test); }
.arm .role { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.arm .name { font-weight: 650; overflow-wrap: anywhere; }
table.params { border-collapse: collapse; margin: 6px 0 0; font-size: 13px; width: 100%; }
table.params th, table.params td { padding: 2px 10px 2px 0; text-align: left; vertical-align: top; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
table.params th { font-weight: 400; }
table.params td { font-variant-numeric: tabular-nums; }
details.params summary { cursor: pointer; font-size: 13px; color: var(--accent); margin-top: 4px; }

/* tables */
table.metrics { border-collapse: collapse; width: 100%; font-size: 13.5px; font-variant-numeric: tabular-nums; margin: 0 0 18px; border: 1px solid var(--border); }
table.metrics caption { text-align: left; font-weight: 650; padding: 10px 12px; background: var(--surface-2); border: 1px solid var(--border); border-bottom: 0; border-radius: 8px 8px 0 0; }
table.metrics caption span { font-weight: 400; color: var(--muted); }
table.metrics th, table.metrics td { padding: 6px 8px; border-bottom: 1px solid var(--border); text-align: right; white-space: nowrap; }
table.metrics thead th { font-size: 12px; color: var(--muted); font-weight: 600; background: var(--surface); vertical-align: bottom; }
table.metrics tbody th { font-weight: 500; }
table.metrics th:first-child, table.metrics td:first-child { text-align: left; }
table.metrics tbody tr:hover { background: var(--surface-2); }
table.metrics td.good, table.metrics td.bad, table.metrics td.changed { font-weight: 650; }
table.metrics .note { font-size: 11.5px; color: var(--muted); font-weight: 400; }
table.metrics th.ci-head, table.metrics td.ci-cell { text-align: left; width: 30%; min-width: 190px; }
table.metrics td.ci-cell .ci-text { display: block; font-size: 12px; color: var(--muted); }
table.metrics td.sig { text-align: left; font-size: 12.5px; }
table.metrics td.sig .p { display: block; color: var(--muted); font-weight: 400; }
.axis-head { position: relative; display: block; height: 14px; margin-top: 2px; font-size: 10.5px; font-weight: 400; }
.axis-head span { position: absolute; top: 0; white-space: nowrap; }
.axis-head .lo { left: 0; }
.axis-head .mid { transform: translateX(-50%); }
.axis-head .hi { right: 0; }
.cibar { position: relative; display: block; height: 16px; min-width: 120px; }
.cibar .zero { position: absolute; top: 0; bottom: 0; border-left: 1.5px solid var(--muted); }
.cibar .tau { position: absolute; top: 0; bottom: 0; border-left: 1.5px dashed var(--c-mark); }
.cibar .span { position: absolute; top: 4px; height: 8px; border-radius: 4px; background: var(--c-ns); opacity: .85; }
.cibar .span.good { background: var(--c-up); }
.cibar .span.bad { background: var(--c-down); }
.cibar .span.changed { background: var(--c-test); }
.cibar .span.open-hi { border-radius: 4px 0 0 4px; }
.cibar .span.open-lo { border-radius: 0 4px 4px 0; }
.cibar .span.open-hi::after, .cibar .span.open-lo::before { content: ""; position: absolute; top: -4px; width: 0; height: 0;
  border-top: 8px solid transparent; border-bottom: 8px solid transparent; }
.cibar .span.open-hi::after { right: -1px; border-left: 9px solid currentColor; }
.cibar .span.open-lo::before { left: -1px; border-right: 9px solid currentColor; }
.cibar .span.good { color: var(--c-up); }
.cibar .span.bad { color: var(--c-down); }
.cibar .span.changed { color: var(--c-test); }
.cibar .span.ns { color: var(--c-ns); }
.cibar .pt { position: absolute; top: 2px; width: 10px; height: 10px; margin-left: -5px; transform: rotate(45deg); background: var(--fg); border: 1px solid var(--surface); }
.gate { display: inline-block; margin-left: 6px; font-size: 10.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--accent); border: 1px solid currentColor; border-radius: 4px; padding: 0 4px; vertical-align: 1px; }
.legend { font-size: 12.5px; color: var(--muted); margin: -6px 0 12px; }
details.allstats { margin-top: 8px; }
details.allstats summary { cursor: pointer; font-weight: 600; color: var(--accent); font-size: 13.5px; }
.scroll-x { overflow-x: auto; margin: 8px 0; border: 1px solid var(--border); border-radius: 8px;
  background: linear-gradient(to right, var(--surface) 30%, transparent), linear-gradient(to left, var(--surface) 30%, transparent) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.22), transparent), radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.22), transparent) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%; background-attachment: local, local, scroll, scroll; }
.scroll-x table.metrics { margin: 0; border: 0; }
table.sticky tbody th, table.sticky thead th:first-child { position: sticky; left: 0; z-index: 1; background: var(--surface); box-shadow: 1px 0 0 var(--border); }
table.metrics.wide td { font-size: 12.5px; }
.scroll-hint { display: none; font-size: 12px; color: var(--muted); margin: 6px 0 0; }

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
.fig-note { font-size: 12.5px; color: var(--muted); margin: 4px 0 0; }
.not-shown { margin-top: 16px; font-size: 13.5px; }
.not-shown h3 { font-size: 14px; }
.not-shown ul { margin: 0; padding-left: 20px; color: var(--muted); }
.not-shown b { color: var(--fg); font-weight: 600; }
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
.untitled { color: var(--muted); font-style: italic; }
.hitmark { color: var(--c-up); font-weight: 700; font-size: 12px; white-space: nowrap; }

/* glossary */
.glossary-cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 8px 28px; }
dl.glossary { margin: 0; font-size: 13.5px; }
dl.glossary .gl { padding: 6px 0; border-top: 1px solid var(--border); scroll-margin-top: 12px; }
dl.glossary .gl:target { background: var(--warn-bg); }
dl.glossary dt { font-weight: 650; }
dl.glossary dd { margin: 2px 0 0; overflow-wrap: anywhere; }

/* footer */
footer.repro { border-top: 1px solid var(--border); background: var(--surface); padding: 20px 0 28px; font-size: 13px; }
footer.repro h2 { font-size: 16px; }
footer.repro table { border-collapse: collapse; font-size: 12.5px; font-variant-numeric: tabular-nums; }
footer.repro td { padding: 1px 12px 1px 0; vertical-align: top; }
footer.repro td:first-child { color: var(--muted); white-space: nowrap; }
.repro-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 14px 28px; }
.repro-grid .span-all { grid-column: 1 / -1; }

@media screen and (max-width: 820px) {
  .wrap { padding: 0 12px; }
  .panels, .lists, .figs-2, .figs-3 { grid-template-columns: 1fr; }
  section.card { padding: 16px 14px; }
  .verdict-word { font-size: 23px; }
  table.reasons tr { display: block; border-top: 1px solid var(--border); padding: 6px 0; }
  table.reasons td, table.reasons th { display: inline; border: 0; padding: 0 8px 0 0; white-space: normal; }
  table.reasons td:last-child { display: block; width: auto; padding-top: 2px; }
  .scroll-hint { display: block; }
  .glossary-cols { grid-template-columns: 1fr; }
}
/* phones: each metric row becomes a card */
@media screen and (max-width: 640px) {
  body { font-size: 14.5px; }
  h1 { font-size: 22px; }
  section.card { padding: 14px 12px; }
  .verdict { padding: 14px 14px; }
  .kpis { grid-template-columns: 1fr; }
  table.stack, table.stack tbody, table.stack caption { display: block; width: 100%; }
  table.stack { border: 0; }
  table.stack caption { border-radius: 8px; border-bottom: 1px solid var(--border); margin-bottom: 8px; }
  table.stack thead { display: none; }
  table.stack tr { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 2px 10px; padding: 8px 10px; margin: 0 0 8px;
    border: 1px solid var(--border); border-radius: 8px; }
  table.stack th, table.stack td { display: block; border: 0; padding: 0; text-align: left; white-space: normal; }
  table.stack th[scope=row] { grid-column: 1 / -1; font-weight: 650; margin-bottom: 2px; }
  table.stack td::before { content: attr(data-label); display: block; font-size: 11px; color: var(--muted);
    text-transform: uppercase; letter-spacing: .04em; font-weight: 400; }
  table.stack td.ci-cell { grid-column: 1 / 3; min-width: 0; width: auto; }
  table.stack td.ci-cell::before, table.stack td.sig::before { display: none; }
  table.stack td.sig { grid-column: 3; align-self: end; }
  .meaning { font-size: 14.5px; }
  .meaning ul { padding-left: 16px; }
}
@media print {
  :root { color-scheme: light; }
  body { background: #fff; color: #000; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc, .noscript { display: none; }
  header.masthead, footer.repro, section.card { background: #fff; }
  section.card, .panel, .example, .verdict, .kpi { border-color: #bbb; }
  section.card { break-inside: auto; padding: 10px 0; border: 0; }
  .scroll-x { overflow: visible; background: none; }
  details.allstats:not([open]) { display: none; }
  table.metrics { font-size: 9pt; }
  table.metrics th, table.metrics td { padding: 3px 4px; white-space: normal; }
  table.metrics td.ci-cell .ci-text { font-size: 8pt; }
  .figs-3 { grid-template-columns: 1fr; }
  .panels { grid-template-columns: 1fr 1fr; }
  .panel, .example, tr, .kpi { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
