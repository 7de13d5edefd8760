/**
 * The HTML report (issues 7 and 19) on the hand-written sample input
 * `tests/fixtures/report_input.json`: escaping of hostile strings, every
 * section, one significance rule everywhere (checked against an independent
 * reading of the rows), the verdict's interval equal to the table's, cards'
 * and chart's, plain-language explanations, the glossary, "Not shown" notes,
 * size and determinism.
 */
import { assert, assertEquals } from "../_assert.ts";
import { loadChartJs, renderReport, type ReportInput } from "../../src/report/mod.ts";

const FIXTURE = new URL("../fixtures/report_input.json", import.meta.url);
/** Stands in for Chart.js where a test looks at the markup only. */
const STUB = "/* chart.js stub */";

async function fixture(): Promise<ReportInput> {
  return JSON.parse(await Deno.readTextFile(FIXTURE));
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** The embedded chart data. */
function chartData(page: string) {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page);
  assert(m, "chart data block missing");
  return { text: m[1], data: JSON.parse(m[1]) };
}

/** The markup from `start` to the first `end` after it. */
function between(page: string, start: string, end: string): string {
  const i = page.indexOf(start);
  assert(i >= 0, `${start} missing`);
  const j = page.indexOf(end, i + start.length);
  return page.slice(i, j < 0 ? undefined : j);
}

/** The table row of a metric in the segment tables. */
function tableRow(page: string, metric: string): string {
  const tables = between(page, 'id="metrics-overall"', 'id="metrics-all"');
  const start = tables.indexOf(`<tr data-metric="${metric}"`);
  assert(start >= 0, `row ${metric} missing`);
  return tables.slice(start, tables.indexOf("</tr>", start));
}

/** Asserts that `text` contains every one of `parts`, naming `what` lacks which. */
function assertHasAll(text: string, parts: string[], what: string) {
  for (const part of parts) assert(text.includes(part), `${what} lacks ${part}`);
}

/** The fixture's page, between `start` and `end`. */
async function section(start: string, end: string): Promise<string> {
  return between(await renderReport(await fixture(), { chartJs: STUB }), start, end);
}

/** Every string in a JSON value (keys included). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/**
 * The significance of a row read independently of the report's code: the
 * lift's interval when the row has a lift (JSON null bounds are infinite),
 * else the BCa interval of Δ; 1 above 0, −1 below, 0 otherwise.
 */
function expectedSig(r: ReportInput["metrics"][number]): number {
  const ci = r.lift !== null ? r.liftCiBca : r.ciBca;
  if (!ci) return 0;
  const lo = ci[0] ?? -Infinity, hi = ci[1] ?? Infinity;
  return lo > 0 ? 1 : hi < 0 ? -1 : 0;
}

Deno.test("hostile title and scenario name appear only escaped", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  assert(input.name.includes("</script><script>alert(1)</script>"));
  assert(
    input.examples.some((e) => e.test.some((i) => i.title === "<img src=x onerror=alert(1)>")),
  );
  assert(page.includes("&lt;img src=x onerror=alert(1)&gt;"), "escaped title missing");
  assert(
    page.includes("ya-books-ab &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
    "escaped name missing",
  );
  assertEquals(count(page, "<img"), 0);
  assertEquals(count(page, "<svg"), 0);
  // exactly our three scripts: chart data, Chart.js, page script
  assertEquals(count(page.toLowerCase(), "<script"), 3);
  assertEquals(count(page.toLowerCase(), "</script"), 3);
  // the item id that tries to break out of its title="" attribute stays inside it
  assert(page.includes('title="&quot; onmouseover=&quot;window.__xss=1"'));
  assert(!page.includes('" onmouseover='));
});

Deno.test("no input string with markup characters reaches the page raw", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const hostile = strings(input).filter((s) => /[<>&"']/.test(s));
  assert(hostile.length >= 10, `expected many hostile strings, got ${hostile.length}`);
  for (const s of hostile) assert(!page.includes(s), `raw input string in page: ${s}`);
});

Deno.test("chart data is JSON with <, >, &, U+2028 and U+2029 escaped", async () => {
  const input = await fixture();
  input.arms.test.label = "cand\u2028idate\u2029 </script><!-- & 'x'";
  const page = await renderReport(input, { chartJs: STUB });
  const { text, data } = chartData(page);
  assert(!/[<>&\u2028\u2029]/.test(text), "unescaped character in the JSON block");
  assert(
    text.includes("\\u003c/script\\u003e\\u003c!--") && text.includes("\\u2028") &&
      text.includes("\\u0026"),
  );
  assertEquals(data.arms, { control: input.arms.control.label, test: input.arms.test.label });
  assertEquals(data.longTail.buckets, input.longTail.buckets); // "top <1%" round-trips
  // the 2000 replicates are binned, not embedded
  assertEquals(data.bootstrap.counts.reduce((a: number, b: number) => a + b, 0), 2000);
  assert(data.bootstrap.counts.length <= 50);
});

Deno.test("every section is present, with a strict CSP and no external resource", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  assert(page.startsWith("<!DOCTYPE html>"));
  for (
    const id of [
      "verdict",
      "summary",
      "metrics",
      "charts",
      "examples",
      "glossary",
      "reproducibility",
    ]
  ) {
    assertEquals(count(page, `id="${id}"`), 1, `section ${id}`);
    assert(page.includes(`<a href="#${id}">`), `table of contents lacks ${id}`);
  }
  assert(page.includes(
    `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;unsafe-inline&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
  ));
  assert(!/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.test(page), "external src/href");
  assert(page.includes("@media print") && page.includes("prefers-color-scheme: dark"));
  assert(page.includes("@media screen and (max-width: 640px)"), "phone layout");
  // verdict: one line per reason
  assert(page.includes('class="verdict admit"'));
  const rules = between(page, '<table class="reasons">', "</table>");
  assertEquals(count(rules, '<span class="pill pass">'), input.verdict!.reasons.length);
  assertHasAll(page, [
    "2017-03-14 09:26:53 UTC",
    "A/B split",
    "q4-refresh-2025",
    "0.5 : 0.5",
    "8.7%",
    "12,843",
    "9,412",
    "2,135",
    '95%, <a class="term" href="#g-bootstrap"',
  ], "summary");
  assertHasAll(page, [
    input.footer.scenarioHash,
    "abreplay-protocol-v1",
    "q4-refresh-2025",
    "5.12 s",
    "61 ms",
  ], "footer");
  // every chart has its canvas: a forest and a bar chart per segment, and the rest
  for (
    const id of [
      "forest-overall",
      "forest-warm",
      "forest-cold",
      "segments-overall",
      "segments-warm",
      "segments-cold",
      "bootstrap",
      "srm",
      "power",
      "oc",
      "longtail",
    ]
  ) {
    assert(page.includes(`<canvas id="chart-${id}"`), `canvas ${id}`);
  }
  assertEquals(count(page, "<canvas"), 11);
  assertEquals(count(page, "Not shown in this run"), 0);
});

Deno.test("parameters are tables: nested objects flattened, arrays joined", async () => {
  const input = await fixture();
  input.arms.test.params = {
    item2item: { neighbours: 100, similarity: "cosine" },
    weights: { cf: 1, content: 0.5 },
    unavailable: [],
  };
  const page = await renderReport(input, { chartJs: STUB });
  const arms = between(page, 'class="arm test"', "</div></section>");
  for (
    const [k, v] of [
      ["item2item.neighbours", "100"],
      ["item2item.similarity", "cosine"],
      ["weights.content", "0.5"],
      ["unavailable", "none"],
    ]
  ) {
    assert(arms.includes(`<th scope="row"><code>${k}</code></th><td>${v}</td>`), `${k} = ${v}`);
  }
  assert(!arms.includes("{"), "no raw JSON");
});

Deno.test("cleaning lists every non-zero count and no zero one", async () => {
  const summary = await section('id="summary"', 'id="glossary"');
  assertHasAll(summary, [
    "rows read</dt><dd>202,517",
    "blank lines ignored</dt><dd>3",
    "dropped: empty id</dt><dd>12",
    "duplicates removed</dt><dd>86",
  ], "cleaning");
  assert(
    !summary.includes("malformed rows skipped") && !summary.includes("items without metadata"),
  );
});

Deno.test("one significance rule in the tables, cards, verdict and charts", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const { data } = chartData(page);
  const forest = new Map<string, string>(
    data.forest.flatMap((f: { rows: { metric: string; tone: string }[] }) =>
      f.rows.map((r) => [r.metric, r.tone])
    ),
  );
  const toneOf = (sig: number) => (sig > 0 ? "good" : sig < 0 ? "bad" : "ns");
  let significant = 0, not = 0;
  for (const r of input.metrics) {
    const sig = expectedSig(r);
    const row = tableRow(page, r.metric);
    assert(row.includes(`data-sig="${sig}"`), `${r.metric}: ${row}`);
    const word = sig > 0 ? "▲ significant" : sig < 0 ? "▼ significant" : "not significant";
    assert(row.includes(`class="sig ${toneOf(sig)}">${word}`), `${r.metric} word: ${row}`);
    if (forest.has(r.metric)) assertEquals(forest.get(r.metric), toneOf(sig), r.metric);
    else assertEquals(r.lift, null, `${r.metric} has a lift, so it is in the chart`);
    sig === 0 ? not++ : significant++;
  }
  assert(significant >= 10 && not >= 2, `${significant} significant, ${not} not`);
  // the cards of the primary and the guardrails say the same as their rows
  for (const m of ["NDCG@10", "Coverage@10", "ColdRecall@10"]) {
    const cardOf = between(page, `data-metric="${m}">`, "</div></div>");
    assert(cardOf.includes("▲ significant"), `${m} card`);
  }
});

Deno.test("p-values read < 0.001 with the word; † where they disagree with the interval", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  assert(
    tableRow(page, "ColdPrecision@10").includes('▲ significant <span class="p">p &lt;\u00a00.001'),
  );
  assert(tableRow(page, "NDCG@10").includes('<span class="p">p = 0.002'));
  // WarmMRR@10: p = 0.041 < 0.05 but the lift's interval [−0.9%, +18.1%] contains 0
  const mrr = tableRow(page, "WarmMRR@10");
  assert(mrr.includes("not significant") && mrr.includes('class="dagger"'), mrr);
  assert(
    !tableRow(page, "WarmPrecision@10").includes("dagger"),
    "p = 0.14 agrees with its interval",
  );
  // Holm-adjusted p: in the collapsed table only, with the note that the gate does not use it
  const all = between(page, 'id="metrics-all"', "</details>");
  assert(all.includes("0.004") && all.includes("not used by the gate"));
  assert(!between(page, 'id="metrics-overall"', 'id="metrics-all"').includes("Holm p"));
});

Deno.test("infinite bounds, Δ rows and equal-size coverage read plainly", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  // ColdNDCG@10: the lift's interval has no upper limit (null in JSON)
  const cold = tableRow(page, "ColdNDCG@10");
  assert(
    cold.includes('<span class="ci-text">[+569%, +∞]</span>') && cold.includes("open-hi"),
    cold,
  );
  // ColdRecall@10: control 0, so no lift: Δ and its interval, on the shared decimals
  const recall = tableRow(page, "ColdRecall@10");
  assert(recall.includes("Δ +0.01240") && recall.includes("[+0.00936, +0.01566]"), recall);
  assert(recall.includes('<td data-label="Control">0.00000</td>'), "five decimals everywhere");
  assert(tableRow(page, "NDCG@10").includes('<td data-label="Control">0.04120</td>'));
  // coverage rows say the size they were compared at
  assert(tableRow(page, "Coverage@10").includes("compared at 1,574 users per arm"));
  // the forest chart says which metrics have no lift and why
  const { data } = chartData(page);
  const coldPlot = data.forest.find((f: { segment: string }) => f.segment === "cold");
  assertEquals(coldPlot.noLift, ["ColdRecall@10", "ColdCoverage@10"]);
  assert(page.includes("No lift for ColdRecall@10, ColdCoverage@10: the control's value is 0"));
  const ndcg = coldPlot.rows.find((r: { metric: string }) => r.metric === "ColdNDCG@10");
  assertEquals([ndcg.lo, ndcg.hi], [568.8, null]);
});

Deno.test("a §4.1 metric covering fewer users than its segment says how many (its own n)", async () => {
  const input = await fixture();
  const ndcg = input.metrics.find((r) => r.metric === "NDCG@10")!;
  input.metrics.splice(input.metrics.indexOf(ndcg) + 1, 0, {
    ...ndcg,
    metric: "ILD-author@10",
    gated: false,
    nControl: ndcg.nControl - 7,
    nTest: ndcg.nTest - 3,
  });
  const page = await renderReport(input, { chartJs: STUB });
  const row = tableRow(page, "ILD-author@10");
  const n = (x: number) => x.toLocaleString("en-US");
  assert(
    row.includes(`on the ${n(ndcg.nControl - 7)} / ${n(ndcg.nTest - 3)} users with a value`),
    row,
  );
  assert(row.includes('href="#g-metric-ILD-author"'), "linked to its glossary entry");
  assert(!tableRow(page, "NDCG@10").includes("users with a value"));
});

Deno.test("the verdict's interval of the primary metric is the table's, the card's and the chart's", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const primary = input.metrics.find((r) => r.metric === "NDCG@10")!;
  const want = `data-ci="${JSON.stringify(primary.liftCiBca)}">[+5.2%, +23.0%]`;
  const verdict = between(page, 'id="verdict"', "</section>");
  assert(verdict.includes(want), "verdict");
  assert(between(page, 'class="kpis"', 'id="metrics"').includes(want), "card");
  const row = tableRow(page, "NDCG@10");
  assert(
    row.includes(`data-ci="${JSON.stringify(primary.liftCiBca)}"`) &&
      row.includes("[+5.2%, +23.0%]"),
  );
  const { data } = chartData(page);
  const point = data.forest[0].rows.find((r: { metric: string }) => r.metric === "NDCG@10");
  // the chart's numbers are the row's in percent, to its 5 significant digits
  assert(Math.abs(point.lo - 100 * primary.liftCiBca![0]) < 1e-3, `${point.lo}`);
  assert(Math.abs(point.hi - 100 * primary.liftCiBca![1]) < 1e-3, `${point.hi}`);
  assertEquals(point.ci, "[+5.2%, +23.0%]");
  // the gate's own text of the same interval agrees to its two decimals
  const reason = input.verdict!.reasons[0].detail;
  assert(reason.includes("[+5.24%, +22.96%]"), reason);
});

Deno.test("what this means: primary, guardrails, serving, split and reliability in words", async () => {
  const meaning = await section('<div class="meaning">', "</ul></div>");
  assertHasAll(meaning, [
    "passed every rule of the gate (6)",
    "Primary metric",
    "The gate requires it to lie above +2.0%",
    "met",
    "(may drop at most 5.0%)",
    "Coverage@10",
    "ColdRecall@10",
    "the control's value is 0, so there is no lift",
    "served 3,191 of 3,194 users, 3 failed (0.1%); 1.9 ms per request at the median, 4.6 ms at p95",
    "3,148 / 3,194 users served vs 3,171 / 3,171 expected",
    "this gate admits a model 15.00% worse with probability 0.0%",
  ], "what this means");
  // the measured latency replaces the pointer to manifest.json
  const rules = await section('<table class="reasons">', "</table>");
  assert(rules.includes("within the limit (measured: 4.6 ms)"));
  assert(!rules.includes("value in manifest.json"));
});

Deno.test("glossary: an entry for every metric shown, every term link resolves", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const ids = new Set([...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
  for (const r of input.metrics) {
    const key = r.metric.replace(/^(?:Warm|Cold)/, "").replace(/@\d+$/, "");
    assert(ids.has(`g-metric-${key}`), `no glossary entry for ${r.metric}`);
    assert(tableRow(page, r.metric).includes(`href="#g-metric-${key}" title="`), r.metric);
  }
  const targets = [...page.matchAll(/<a class="term" href="#([^"]+)"/g)].map((m) => m[1]);
  assert(targets.length > 50, `${targets.length} term links`);
  for (const t of new Set(targets)) assert(ids.has(t), `term link to missing #${t}`);
  for (
    const term of [
      "BCa",
      "Holm-adjusted p",
      "MDE (minimum detectable effect)",
      "Sample-ratio mismatch (SRM)",
      "Operating characteristic",
    ]
  ) {
    assert(page.includes(`<dt>${term}</dt>`), term);
  }
});

Deno.test("verdict banner: reject, inconclusive, and no gate", async () => {
  const input = await fixture();
  input.verdict = {
    decision: "reject",
    reasons: [{
      rule: "primary NDCG@10 lift > +2.00%",
      outcome: "fail",
      detail: "lift −8.00%, 95% CI [−12.00%, −3.00%] lies below +2.00%",
    }],
  };
  let page = await renderReport(input, { chartJs: STUB });
  assert(
    page.includes('class="verdict reject"') && page.includes(">REJECT<") &&
      page.includes('<span class="pill fail">'),
  );
  assert(page.includes("failed: primary NDCG@10 lift &gt; +2.00%") && page.includes("not met"));
  input.verdict = {
    decision: "inconclusive",
    reasons: [{
      rule: "sensitivity: power ≥ 80.00% at a +5.00% lift",
      outcome: "inconclusive",
      detail: "underpowered: a true lift of +5.00% passes with probability 12.0%",
    }],
  };
  page = await renderReport(input, { chartJs: STUB });
  assert(
    page.includes('class="verdict inconclusive"') && page.includes(">INCONCLUSIVE<") &&
      page.includes("passes with probability 12.0%") &&
      page.includes("the data could not decide: sensitivity"),
  );
  input.verdict = null;
  page = await renderReport(input, { chartJs: STUB });
  assert(page.includes('class="verdict none"') && page.includes("no gate configured"));
});

Deno.test("charts without data are listed under Not shown, with the reason", async () => {
  const input = await fixture();
  input.mode = { type: "paired" };
  input.srm = null;
  input.power = null;
  input.bootstrap = null;
  input.longTail = { buckets: [], control: [], test: [], coverage: { control: 0.01, test: 0.2 } };
  input.metrics = input.metrics.map((r) => ({ ...r, liftCiBca: null, liftCiPercentile: null }));
  input.examples = [];
  const page = await renderReport(input, { chartJs: STUB });
  const notShown = between(page, "Not shown in this run", "</ul>");
  for (const id of ["forest", "bootstrap", "srm", "power", "longtail"]) {
    assert(notShown.includes(`<li id="na-${id}">`), `${id} should be listed as not shown`);
    assert(!page.includes(`id="panel-${id}"`), `${id} should have no panel`);
  }
  assert(notShown.includes("paired replay serves every user to both arms"));
  assert(page.includes('<canvas id="chart-segments-overall"'), "segment bars need only the values");
  assert(page.slice(page.indexOf('id="examples"')).includes("Not available"));
  const { data } = chartData(page);
  assertEquals([data.forest, data.srm, data.power, data.bootstrap, data.longTail], [
    null,
    null,
    null,
    null,
    null,
  ]);
});

Deno.test("power chart: axes include the current n, the needed n and the target", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const p = chartData(page).data.power;
  const lo = (v: number, range: number[]) => range[0] <= v && v <= range[1];
  assert(lo(p.n, p.x) && lo(p.needed, p.x), JSON.stringify(p.x));
  assert(lo(p.target, p.y) && lo(p.mde, p.y), JSON.stringify(p.y));
  assertEquals(p.labels.needed, "target 5.0% → 19,005 users per arm");
  // a run far too small: the target's users lie 400× beyond the curve, still on the axis
  input.power!.usersNeeded = 8_000_000;
  const far = chartData(await renderReport(input, { chartJs: STUB })).data.power;
  assert(lo(8_000_000, far.x), JSON.stringify(far.x));
});

Deno.test("segment chart: one per segment, each with its value labels", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const seg = chartData(page).data.segments;
  assertEquals(seg.map((s: { segment: string }) => s.segment), ["overall", "warm", "cold"]);
  const cold = seg[2];
  assertEquals([cold.metric, cold.values, cold.labels], [
    "ColdNDCG@10",
    [0.0011, 0.0097],
    ["0.00110", "0.00970"],
  ]);
});

Deno.test("report of a default-size run is under 2 MB, also with a big run", async () => {
  const input = await fixture();
  const page = await renderReport(input);
  const bytes = new TextEncoder().encode(page).length;
  assert(bytes < 2_000_000, `report is ${bytes} bytes`);
  assert(page.includes((await loadChartJs()).slice(0, 200)), "Chart.js is inlined");
  input.bootstrap!.replicates = Array.from({ length: 20_000 }, (_, i) => Math.sin(i) * 0.01);
  input.examples = Array.from({ length: 50 }, (_, i) => {
    const e = input.examples[i % input.examples.length];
    return {
      ...e,
      userId: `u${i}`,
      control: [...e.control, ...e.control],
      test: [...e.test, ...e.test],
    };
  });
  const big = new TextEncoder().encode(await renderReport(input)).length;
  assert(big < 2_000_000, `big report is ${big} bytes`);
});

Deno.test("rendering is deterministic, and the same from report.json as in memory", async () => {
  const input = await fixture();
  assertEquals(
    await renderReport(input, { chartJs: STUB }),
    await renderReport(input, { chartJs: STUB }),
  );
  // in memory an unbounded interval is Infinity; report.json writes null
  const memory = structuredClone(input);
  memory.metrics.find((r) => r.metric === "ColdNDCG@10")!.liftCiBca = [5.688, Infinity];
  assertEquals(
    await renderReport(memory, { chartJs: STUB }),
    await renderReport(JSON.parse(JSON.stringify(memory)), { chartJs: STUB }),
  );
});
