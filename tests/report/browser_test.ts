/**
 * The report of `tests/fixtures/report_input.json` in headless Chromium (over
 * the DevTools Protocol, see `_browser.ts`): no console error, no request but
 * the file itself, every canvas painted, no injected markup ran, fast render.
 * Writes a full-page screenshot to `reports/test-report-screenshot.png`.
 *
 * Skipped when Chromium is not installed (CI installs it: `.ci/run`).
 */
import { assert, assertEquals } from "../_assert.ts";
import { renderReport } from "../../src/report/mod.ts";
import { CHROMIUM, chromiumInstalled, withBrowser } from "./_browser.ts";

const FIXTURE = new URL("../fixtures/report_input.json", import.meta.url);
const SCREENSHOT = new URL("../../reports/test-report-screenshot.png", import.meta.url);
/** Navigation to `load` with every chart drawn. */
const RENDER_BUDGET_MS = 2000;

const installed = chromiumInstalled();
if (!installed) {
  console.warn(
    `SKIPPED browser test: ${CHROMIUM} not installed (apt-get install -y chromium, or set ABREPLAY_CHROMIUM)`,
  );
}

/** Per canvas: size and number of non-transparent pixels. */
const CANVAS_PIXELS = `Array.from(document.querySelectorAll("canvas"), (c) => {
  const d = c.width && c.height ? c.getContext("2d").getImageData(0, 0, c.width, c.height).data : [];
  let painted = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) painted++;
  return { id: c.id, width: c.width, height: c.height, painted };
})`;

Deno.test({
  name: installed
    ? "report renders in headless Chromium: no errors, no network, charts painted, no XSS"
    : `report renders in headless Chromium (SKIPPED: ${CHROMIUM} not installed)`,
  ignore: !installed,
  async fn() {
    const input = JSON.parse(await Deno.readTextFile(FIXTURE));
    const file = await Deno.makeTempFile({ prefix: "abreplay-report-", suffix: ".html" });
    try {
      await Deno.writeTextFile(file, await renderReport(input));
      const url = new URL(`file://${file}`).href;
      await withBrowser(async (browser) => {
        const page = await browser.openPage(1280, 900);
        const t0 = performance.now();
        await page.navigate(url);
        const ready = await page.evaluate<number | null>("window.__reportReady ?? null");
        const wallMs = performance.now() - t0;
        assert(ready !== null, "page script did not finish");
        console.log(
          `render: ${Math.round(ready)} ms in page (navigation start → charts drawn), ${
            Math.round(wallMs)
          } ms wall to load`,
        );
        assert(ready < RENDER_BUDGET_MS, `charts drawn after ${ready} ms`);
        assert(wallMs < RENDER_BUDGET_MS, `load + charts took ${wallMs} ms`);

        const canvases = await page.evaluate<
          { id: string; width: number; height: number; painted: number }[]
        >(CANVAS_PIXELS);
        assertEquals(canvases.length, 11, JSON.stringify(canvases.map((c) => c.id)));
        assertEquals(await page.evaluate("document.documentElement.dataset.charts"), "11");
        for (const c of canvases) {
          assert(c.width > 100 && c.height > 100, `canvas ${c.id} is ${c.width}×${c.height}`);
          assert(c.painted > 500, `canvas ${c.id} is blank (${c.painted} painted pixels)`);
        }

        assertEquals(
          await page.evaluate("document.querySelectorAll('img[src=x], img, svg').length"),
          0,
        );
        assertEquals(await page.evaluate("typeof window.__xss"), "undefined");
        assertEquals(page.dialogs, [], "alert() ran");
        assertEquals(page.errors, []);
        const foreign = page.requests.filter((u) => u !== url && !u.startsWith("data:"));
        assertEquals(foreign, [], "requests other than the report file");
        assert(page.requests.includes(url));
        // the hostile strings are visible as text
        const text = await page.evaluate<string>("document.body.innerText");
        assert(
          text.includes("<img src=x onerror=alert(1)>") &&
            text.includes("</script><script>alert(1)</script>"),
        );

        await Deno.mkdir(new URL(".", SCREENSHOT), { recursive: true });
        await Deno.writeFile(SCREENSHOT, await page.screenshot());
      });
    } finally {
      await Deno.remove(file);
    }
  },
});
