/**
 * Reports of real runs in headless Chromium: the demo run (no console error,
 * no network, every chart painted, under 2 MB, drawn in under 5 s, no
 * horizontal overflow on a 390 px phone, screenshot under reports/), and a run whose data and scenario carry hostile
 * text (a book title `<img src=x onerror=…>`, a description and arm label with
 * `</script>`): all of it shows as text, none of it runs.
 */
import { assert, assertEquals } from "../_assert.ts";
import { fileURLToPath } from "node:url";
import { cli } from "../_cli.ts";
import {
  CHROMIUM,
  chromiumInstalled,
  requireChromium,
  skipBrowserTests,
  withBrowser,
} from "./_browser.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const installed = chromiumInstalled();
const PAINTED = `Array.from(document.querySelectorAll("canvas"), (c) => {
  const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
  return n;
})`;

async function openReport(
  file: string,
  check: (
    page: Awaited<ReturnType<Parameters<Parameters<typeof withBrowser>[0]>[0]["openPage"]>>,
    url: string,
  ) => Promise<void>,
) {
  const url = new URL(`file://${file}`).href;
  await withBrowser(async (browser) => {
    const page = await browser.openPage(1280, 900);
    await page.navigate(url);
    await check(page, url);
  });
}

Deno.test({
  name: `demo run report in headless Chromium${
    installed ? "" : ` (SKIPPED: ${CHROMIUM} not installed)`
  }`,
  ignore: skipBrowserTests(),
  async fn() {
    requireChromium();
    const dir = await Deno.makeTempDir();
    const r = await cli(["run", "scenarios/demo.json", "--out", dir, "--quiet"], root);
    assertEquals(r.code, 0, r.stderr);
    const file = `${dir}/report.html`;
    const size = (await Deno.stat(file)).size;
    assert(size < 2 * 1024 * 1024, `report is ${size} bytes`);
    await openReport(file, async (page, url) => {
      const ready = await page.evaluate<number | null>("window.__reportReady ?? null");
      assert(ready !== null && ready < 5000, `charts drawn after ${ready} ms`);
      const ids = await page.evaluate<string[]>(
        `Array.from(document.querySelectorAll("canvas"), (c) => c.id)`,
      );
      for (
        const id of [
          "chart-forest-overall",
          "chart-segments-overall",
          "chart-bootstrap",
          "chart-power",
          "chart-longtail",
        ]
      ) {
        assert(ids.includes(id), `${id} missing from ${ids}`);
      }
      const painted = await page.evaluate<number[]>(PAINTED);
      painted.forEach((n, i) => assert(n > 500, `canvas ${i} is blank`));
      assertEquals(page.errors, []);
      assertEquals(page.requests.filter((u) => u !== url && !u.startsWith("data:")), []);
      const text = await page.evaluate<string>("document.body.innerText");
      assert(/ADMIT/i.test(text), "verdict banner");
      await Deno.mkdir(`${root}/reports`, { recursive: true });
      await Deno.writeFile(`${root}/reports/demo-report-screenshot.png`, await page.screenshot());
    });
    await withBrowser(async (browser) => {
      const phone = await browser.openPage(390, 844, true);
      await phone.navigate(new URL(`file://${file}`).href);
      const width = await phone.evaluate<number>("document.documentElement.scrollWidth");
      assert(width <= 390, `the page is ${width} px wide on a 390 px phone`);
      assertEquals(phone.errors, []);
    });
  },
});

Deno.test({
  name: `hostile text from data and scenario renders as text${
    installed ? "" : " (SKIPPED: no Chromium)"
  }`,
  ignore: skipBrowserTests(),
  async fn() {
    requireChromium();
    const dir = await Deno.makeTempDir();
    const evil = "<img src=x onerror=window.__xss=1>";
    const script = "</script><script>window.__xss=2</script>";
    await Deno.copyFile(`${root}/tests/fixtures/handworked.csv`, `${dir}/data.csv`);
    const books = ["a", "b", "c", "d", "e", "f", "g", "h"].map((id) =>
      JSON.stringify({
        item_id: id,
        title: id === "c" ? evil : `Book ${id}`,
        authors: [`au-${id}`],
        series: [],
        tags: [],
      })
    );
    await Deno.writeTextFile(`${dir}/books.jsonl`, books.join("\n") + "\n");
    await Deno.writeTextFile(
      `${dir}/s.json`,
      JSON.stringify({
        name: "hostile",
        description: script,
        data: { path: "data.csv", books: { path: "books.jsonl", format: "canonical-jsonl" } },
        split: { date: "2020-01-01" },
        eval: { k: 3, coldThreshold: 2 },
        control: { type: "random", label: script },
        test: { type: "popular", label: evil },
        stats: { B: 200 },
      }),
    );
    const r = await cli(["run", `${dir}/s.json`, "--out", `${dir}/out`, "--quiet"]);
    assertEquals(r.code, 0, r.stderr);
    const html = await Deno.readTextFile(`${dir}/out/report.html`);
    assert(
      !html.includes(evil) && !html.includes("<script>window.__xss"),
      "raw hostile markup in the HTML",
    );
    await openReport(`${dir}/out/report.html`, async (page) => {
      assertEquals(await page.evaluate("typeof window.__xss"), "undefined");
      assertEquals(await page.evaluate("document.querySelectorAll('img').length"), 0);
      assertEquals(page.dialogs, []);
      assertEquals(page.errors, []);
      const text = await page.evaluate<string>("document.body.innerText");
      assert(text.includes(evil), "the title shows as text");
      assert(text.includes(script), "the description shows as text");
    });
  },
});
