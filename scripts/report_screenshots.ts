/**
 * Screenshots of a report at a desktop and a phone width, for the README:
 * `deno run -A scripts/report_screenshots.ts <report.html> [out prefix]`
 * writes `<prefix>-1280.png` and `<prefix>-390.png` (default prefix
 * `reports/report`), each the top of the page (verdict, key numbers and the
 * first metrics), in headless Chromium (`$ABREPLAY_CHROMIUM`, else
 * `/usr/bin/chromium`). When Python with Pillow is installed the PNGs are
 * reduced to a 128-colour palette, which keeps them small (< 300 KB).
 *
 * The committed screenshots come from the sample scenario:
 * `deno task abreplay gate scenarios/sample.json --data-dir <data folder> --out reports/sample`,
 * then this script on `reports/sample/report.html`.
 *
 * @module
 */
import { resolve } from "node:path";
import { withBrowser } from "../tests/report/_browser.ts";

/** Width in CSS pixels, height of the shot, and whether to emulate a phone. */
const SHOTS: [number, number, boolean][] = [[1280, 3300, false], [390, 4400, true]];

/** Reduces a PNG to a 128-colour palette with Pillow; false when Python or Pillow is missing. */
async function quantize(file: string): Promise<boolean> {
  const code = "import sys; from PIL import Image; im = Image.open(sys.argv[1]).convert('RGB'); " +
    "im.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(sys.argv[1], optimize=True)";
  try {
    const out = await new Deno.Command("python3", { args: ["-c", code, file], stderr: "piped" })
      .output();
    return out.success;
  } catch {
    return false;
  }
}

if (import.meta.main) {
  const [html, prefix = "reports/report"] = Deno.args;
  if (!html) {
    console.error("usage: deno run -A scripts/report_screenshots.ts <report.html> [out prefix]");
    Deno.exit(2);
  }
  const url = new URL(`file://${resolve(html)}`).href;
  await withBrowser(async (browser) => {
    for (const [width, height, mobile] of SHOTS) {
      // a viewport as tall as the shot: capturing beyond it would resize the page mid-shot
      const page = await browser.openPage(width, height, mobile);
      await page.navigate(url);
      const file = `${prefix}-${width}.png`;
      await Deno.writeFile(file, await page.screenshot(height));
      const small = await quantize(file);
      const kb = Math.round((await Deno.stat(file)).size / 1024);
      console.log(`${file}: ${kb} KB${small ? " (128-colour palette)" : ""}`);
    }
  });
}
