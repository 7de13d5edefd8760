/**
 * The scenario and data summary: dataset, cleaning counts, split, serving
 * mode, and the two arms with their parameters.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtInstant, fmtInt, fmtPct, roundSig } from "./_format.ts";
import { termLink } from "./_glossary.ts";
import { levelText } from "./_row_text.ts";
import type { ReportInput } from "./types.ts";

/** Labels of the cleaning counts, in display order; unknown numeric fields follow under their key. */
const CLEANING_LABELS: Record<string, string> = {
  rowsRead: "rows read",
  blankLines: "blank lines ignored",
  malformedSkipped: "malformed rows skipped",
  droppedEmptyId: "dropped: empty id",
  droppedBadTimestamp: "dropped: bad timestamp",
  ratingNonNumeric: "ratings not numeric (→ 0)",
  ratingClipped: "ratings clipped to 0..5",
  ratingRounded: "ratings rounded",
  duplicatesRemoved: "duplicates removed",
  rowsKept: "rows kept",
  users: "distinct users",
  items: "distinct items",
  metadataOnlyItems: "items known only from metadata",
  metadataRows: "metadata rows read",
  itemsWithoutMetadata: "items without metadata",
};

function kv(pairs: [HtmlValue, HtmlValue][]): SafeHtml {
  return markup`<dl class="kv">${pairs.map(([k, v]) => markup`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

/**
 * Every non-zero numeric field of the cleaning report, labelled.
 *
 * @example
 * ```ts
 * import { cleaningRows } from "./_summary.ts";
 * const report = { source: "x", rowsRead: 10, blankLines: 0, duplicatesRemoved: 2, extra: 1 };
 * const rows = JSON.stringify(cleaningRows(report as never));
 * if (rows !== '[["rows read",10],["duplicates removed",2],["extra",1]]') throw new Error(rows);
 * ```
 */
export function cleaningRows(report: ReportInput["data"]["report"]): [string, number][] {
  const entries = Object.entries(report)
    .filter((e): e is [string, number] => typeof e[1] === "number" && e[1] !== 0);
  const known = Object.keys(CLEANING_LABELS);
  const rank = (k: string) => (known.includes(k) ? known.indexOf(k) : known.length);
  return entries
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([k, v]) => [CLEANING_LABELS[k] ?? k, v]);
}

/**
 * Parameters flattened to rows: nested objects become dotted keys, arrays are
 * joined, `null` reads "none".
 *
 * @example
 * ```ts
 * import { paramRows } from "./_summary.ts";
 * const rows = paramRows({ weights: { cf: 1, content: 0.5 }, unavailable: [], tags: ["a", "b"], windowDays: null });
 * const want = [["weights.cf", "1"], ["weights.content", "0.5"], ["unavailable", "none"], ["tags", "a, b"], ["windowDays", "none"]];
 * if (JSON.stringify(rows) !== JSON.stringify(want)) throw new Error(JSON.stringify(rows));
 * ```
 */
export function paramRows(params: Record<string, unknown>, prefix = ""): [string, string][] {
  return Object.entries(params).flatMap(([k, v]): [string, string][] => {
    const key = prefix + k;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const inner = paramRows(v as Record<string, unknown>, `${key}.`);
      return inner.length > 0 ? inner : [[key, "none"]];
    }
    if (Array.isArray(v)) {
      return [[
        key,
        v.length === 0
          ? "none"
          : v.map((x) => typeof x === "string" ? x : JSON.stringify(x)).join(", "),
      ]];
    }
    return [[key, v === null || v === undefined ? "none" : String(v)]];
  });
}

/** Parameter tables longer than this are collapsed. */
const OPEN_PARAMS = 10;

function renderArm(role: "control" | "test", arm: ReportInput["arms"]["control"]): SafeHtml {
  const rows = paramRows(arm.params ?? {});
  const table = markup`<table class="params"><tbody>${
    rows.map(([k, v]) => markup`<tr><th scope="row"><code>${k}</code></th><td>${v}</td></tr>`)
  }</tbody></table>`;
  const params = rows.length === 0
    ? markup`<div class="small muted">default parameters</div>`
    : rows.length <= OPEN_PARAMS
    ? table
    : markup`<details class="params"><summary>${rows.length} parameters</summary>${table}</details>`;
  return markup`<div class="arm ${role}">
<div class="role">${role === "control" ? "Control (current)" : "Test (candidate)"}</div>
<div class="name">${arm.label}</div>
<div class="small muted">type <code>${arm.type}</code></div>
${params}</div>`;
}

function modeRows(mode: ReportInput["mode"]): [HtmlValue, HtmlValue][] {
  if (mode.type === "paired") {
    const text =
      markup`<b>paired replay</b> <span class="muted">(every user is served by both arms)</span>`;
    return [["mode", text]];
  }
  const weights = mode.weights?.map((w) => String(roundSig(w, 4))).join(" : ");
  return [
    ["mode", markup`<b>A/B split</b> <span class="muted">(each user is served by one arm)</span>`],
    ["salt", mode.salt !== undefined ? markup`<code>${mode.salt}</code>` : "—"],
    ["weights", weights ?? "—"],
    ["coverage", mode.coverage !== undefined ? fmtPct(mode.coverage) : "—"],
  ];
}

function statsRows(input: ReportInput): [HtmlValue, HtmlValue][] {
  const s = input.stats;
  if (!s) return [];
  return [[
    "intervals",
    markup`${levelText(input)}, ${termLink("bootstrap")} of ${fmtInt(s.resamples)} resamples`,
  ]];
}

/** The summary section. */
export function renderSummary(input: ReportInput): SafeHtml {
  const d = input.data;
  const cleaning = cleaningRows(d.report);
  const dataset = kv([
    ["source", markup`<code>${d.source}</code>`],
    ["fingerprint", markup`<code>${d.fingerprint}</code>`],
    ["users", fmtInt(d.users)],
    ["items", fmtInt(d.items)],
    ["catalog size", fmtInt(d.catalogSize)],
    ["cold items", fmtInt(d.coldItems)],
  ]);
  const cleaned = cleaning.length > 0
    ? kv(cleaning.map(([k, v]) => [k, fmtInt(v)]))
    : markup`<p class="small muted">nothing to report</p>`;
  const split = kv([
    [
      "split instant",
      markup`<time datetime="${d.splitInstant}">${fmtInstant(d.splitInstant)}</time>`,
    ],
    ["train rows", fmtInt(d.trainRows)],
    ["test rows", fmtInt(d.testRows)],
    ["evaluation users", fmtInt(d.evalUsers)],
    [
      "cold share",
      markup`${fmtPct(d.coldShare)} <span class="muted">of relevant test interactions</span>`,
    ],
    ["cutoff k", fmtInt(input.k)],
    ...modeRows(input.mode),
    ...statsRows(input),
  ]);
  const arms = [renderArm("control", input.arms.control), renderArm("test", input.arms.test)];
  return markup`<section class="card" id="summary"><h2>Scenario and data</h2>
<div class="grid-3">
<div><h3>Dataset</h3>${dataset}<h3 class="spaced">Cleaning</h3>${cleaned}</div>
<div><h3>Split and evaluation</h3>${split}</div>
<div><h3>Arms</h3>${arms}</div>
</div></section>`;
}
