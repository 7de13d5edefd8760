/**
 * The HTML report (issue 7) on the hand-written sample input
 * `tests/fixtures/report_input.json`: escaping of hostile strings, every
 * section, "Not available" panels, plain-HTML tables, size.
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

/** The text of the embedded chart-data JSON block. */
function dataBlock(page: string): string {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(page);
  assert(m, "chart data block missing");
  return m[1];
}

/** The markup of the chart panel `id` (up to the next panel or the end of the section). */
function panel(page: string, id: string): string {
  const start = page.indexOf(`id="panel-${id}"`);
  assert(start >= 0, `panel ${id} missing`);
  const end = page.indexOf('<div class="panel', start);
  return page.slice(start, end < 0 ? page.indexOf("</section>", start) : end);
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

Deno.test("hostile title and scenario name appear only escaped", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  // the fixture carries the attacks the issue names
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
  const block = dataBlock(page);
  assert(!/[<>&\u2028\u2029]/.test(block), "unescaped character in the JSON block");
  assert(
    block.includes("\\u003c/script\\u003e\\u003c!--") && block.includes("\\u2028") &&
      block.includes("\\u0026"),
  );
  const data = JSON.parse(block);
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
  for (const id of ["verdict", "summary", "metrics", "charts", "examples", "reproducibility"]) {
    assertEquals(count(page, `id="${id}"`), 1, `section ${id}`);
  }
  assert(page.includes(
    `<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;unsafe-inline&#39;; style-src &#39;unsafe-inline&#39;; img-src data:">`,
  ));
  assert(!/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i.test(page), "external src/href");
  assert(page.includes("@media print") && page.includes("prefers-color-scheme: dark"));
  // verdict: one line per reason
  assert(page.includes('class="verdict admit"'));
  assertEquals(count(page, '<span class="pill pass">'), input.verdict!.reasons.length);
  // summary
  for (
    const s of [
      "2017-03-14 09:26:53 UTC",
      "A/B split",
      "q4-refresh-2025",
      "0.5 : 0.5",
      "8.7%",
      "12,843",
      "9,412",
      "2,135",
    ]
  ) {
    assert(page.includes(s), `summary lacks ${s}`);
  }
  assert(page.includes("recencyHalfLife") && page.includes("<code>cosine</code>"));
  // footer
  for (
    const s of [
      input.footer.scenarioHash,
      "abreplay-protocol-v1",
      "q4-refresh-2025",
      "5.12 s",
      "61 ms",
    ]
  ) {
    assert(page.includes(s), `footer lacks ${s}`);
  }
  // every chart has its canvas
  for (
    const id of [
      "forest-overall",
      "forest-warm",
      "forest-cold",
      "segments-0",
      "bootstrap",
      "srm",
      "power",
      "oc",
      "longtail",
    ]
  ) {
    assert(page.includes(`<canvas id="chart-${id}"`), `canvas ${id}`);
  }
  assertEquals(count(page, "Not available"), 0);
});

Deno.test("cleaning lists every non-zero count and no zero one", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  const summary = page.slice(page.indexOf('id="summary"'), page.indexOf('id="metrics"'));
  for (
    const s of [
      "rows read</dt><dd>202,517",
      "blank lines ignored</dt><dd>3",
      "dropped: empty id</dt><dd>12",
      "duplicates removed</dt><dd>86",
    ]
  ) {
    assert(summary.includes(s), `cleaning lacks ${s}`);
  }
  assert(
    !summary.includes("malformed rows skipped") && !summary.includes("items without metadata"),
  );
});

Deno.test("metrics tables are plain HTML with coloured, marked significant deltas", async () => {
  const input = await fixture();
  const page = await renderReport(input, { chartJs: STUB });
  for (const s of ["overall", "warm", "cold"]) {
    assert(page.includes(`<table class="metrics" id="metrics-${s}">`));
  }
  const tables = page.slice(page.indexOf('id="metrics"'), page.indexOf('id="charts"'));
  for (const row of input.metrics) {
    assert(tables.includes(`<th scope="row">${row.metric}`), row.metric);
  }
  // NDCG@10: significant (BCa interval above 0), gated, Holm p shown
  assert(tables.includes('<td class="up">+0.0056 ▲</td>'));
  assert(
    tables.includes("[+0.0022, +0.0093]") && tables.includes("[+5.2%, +23.0%]") &&
      tables.includes("<td>0.004</td>"),
  );
  // WarmPrecision@10: interval spans 0, so not coloured
  assert(tables.includes('<td class="">+0.0019</td>'));
  // ColdRecall@10 has no lift (control 0)
  assert(/ColdRecall@10<span class="gate"[^]*?<td class="">—<\/td>/.test(tables));
  assertEquals(count(tables, 'class="gate"'), 3 + 1); // three gated rows + the legend
});

Deno.test("verdict banner: reject, inconclusive, and no gate", async () => {
  const input = await fixture();
  input.verdict = {
    decision: "reject",
    reasons: [{ rule: "NDCG@10 lift > 0", outcome: "fail", detail: "p (Holm) 0.21 ≥ 0.05" }],
  };
  let page = await renderReport(input, { chartJs: STUB });
  assert(
    page.includes('class="verdict reject"') && page.includes(">REJECT<") &&
      page.includes('<span class="pill fail">'),
  );
  input.verdict = {
    decision: "inconclusive",
    reasons: [{ rule: "power", outcome: "inconclusive", detail: "MDE 12% > target 5%" }],
  };
  page = await renderReport(input, { chartJs: STUB });
  assert(
    page.includes('class="verdict inconclusive"') && page.includes(">INCONCLUSIVE<") &&
      page.includes("MDE 12% &gt; target 5%"),
  );
  input.verdict = null;
  page = await renderReport(input, { chartJs: STUB });
  assert(page.includes('class="verdict none"') && page.includes("no gate configured"));
});

Deno.test("panels without input say Not available and have no canvas", async () => {
  const input = await fixture();
  input.mode = { type: "paired" };
  input.srm = null;
  input.power = null;
  input.bootstrap = null;
  input.longTail = { buckets: [], control: [], test: [], coverage: { control: 0.01, test: 0.2 } };
  input.metrics = input.metrics.map((r) => ({
    ...r,
    liftCiBca: null,
    liftCiPercentile: null,
    gated: false,
  }));
  input.examples = [];
  const page = await renderReport(input, { chartJs: STUB });
  for (const id of ["forest", "bootstrap", "srm", "power", "longtail"]) {
    const html = panel(page, id);
    assert(html.includes("Not available"), `${id} should say Not available`);
    assert(!html.includes("<canvas"), `${id} should have no canvas`);
  }
  assert(panel(page, "srm").includes("paired replay serves every user to both arms"));
  assert(panel(page, "segments").includes("<canvas"), "segment bars need only the metric rows");
  assert(
    panel(page, "longtail").includes("catalog coverage"),
    "coverage is shown without the buckets",
  );
  assert(page.slice(page.indexOf('id="examples"')).includes("Not available"));
  const data = JSON.parse(dataBlock(page));
  assertEquals([data.forest, data.srm, data.power, data.bootstrap, data.longTail], [
    null,
    null,
    null,
    null,
    null,
  ]);
});

Deno.test("report of a default-size run is under 2 MB, also with a big run", async () => {
  const input = await fixture();
  const page = await renderReport(input);
  const bytes = new TextEncoder().encode(page).length;
  assert(bytes < 2_000_000, `report is ${bytes} bytes`);
  assert(page.includes((await loadChartJs()).slice(0, 200)), "Chart.js is inlined");
  // 10× the replicates, 50 example users, every list doubled: binning keeps it small
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

Deno.test("rendering is deterministic", async () => {
  const input = await fixture();
  assertEquals(
    await renderReport(input, { chartJs: STUB }),
    await renderReport(input, { chartJs: STUB }),
  );
});
