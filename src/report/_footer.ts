/**
 * The reproducibility footer: scenario hash, data fingerprint, versions,
 * seeds and timings.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtMs } from "./_format.ts";
import type { ReportInput } from "./types.ts";

function table(title: string, rows: [string, HtmlValue][], wide = false): SafeHtml {
  const body = rows.length === 0
    ? markup`<p class="small muted">none recorded</p>`
    : markup`<table><tbody>${
      rows.map(([k, v]) => markup`<tr><td>${k}</td><td>${v}</td></tr>`)
    }</tbody></table>`;
  return markup`<div${wide ? markup` class="span-all"` : null}><h3>${title}</h3>${body}</div>`;
}

const code = (v: string | number) => markup`<code>${String(v)}</code>`;

/**
 * The footer.
 *
 * @example
 * ```ts
 * import { renderFooter } from "./_footer.ts";
 * const footer = {
 *   scenarioHash: "abc", dataFingerprint: "fp", versions: { deno: "2.9.6" },
 *   seeds: { bootstrap: 7 }, timingsMs: { fit: 1500 },
 * };
 * const out = renderFooter({ footer, generatedAt: "2025-01-01T00:00:00Z" } as never).value;
 * if (!out.includes("<code>abc</code>") || !out.includes("1.50 s") || !out.includes("2.9.6")) throw new Error(out);
 * ```
 */
export function renderFooter(input: Pick<ReportInput, "footer" | "generatedAt">): SafeHtml {
  const f = input.footer;
  const identity = table("Identity", [
    ["scenario hash", code(f.scenarioHash)],
    ["data fingerprint", code(f.dataFingerprint)],
    ["generated at", code(input.generatedAt)],
  ], true);
  const versions = table("Versions", Object.entries(f.versions).map(([k, v]) => [k, code(v)]));
  const seeds = table("Seeds", Object.entries(f.seeds).map(([k, v]) => [k, code(v)]));
  const timings = table("Timings", Object.entries(f.timingsMs).map(([k, v]) => [k, fmtMs(v)]));
  return markup`<footer class="repro" id="reproducibility"><div class="wrap">
<h2>Reproducibility</h2>
<div class="repro-grid">${identity}${versions}${seeds}${timings}</div>
</div></footer>`;
}
