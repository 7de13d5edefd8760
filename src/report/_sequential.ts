/**
 * The sequential-monitoring section: a chart of Δ over the days since the
 * split with its fixed-horizon and always-valid intervals (inline SVG drawn
 * from numbers only), the stopping days, and the A/A of daily peeking.
 *
 * @module
 */
import { markup, type SafeHtml, trusted } from "./_html.ts";
import { fmtInt, fmtPct, fmtSigned } from "./_format.ts";
import type { ReportInput, ReportSequential } from "./types.ts";

const W = 760, H = 260, PAD = 40;

/** The chart: bands of both intervals, Δ, zero and the stopping day, as SVG markup. */
function chart(s: ReportSequential): string {
  const days = s.days.filter((d) => d.delta !== null && d.sequentialCi && d.fixedCi);
  if (days.length < 2) return "";
  const lo = Math.min(0, ...days.map((d) => d.sequentialCi![0]));
  const hi = Math.max(0, ...days.map((d) => d.sequentialCi![1]));
  const last = s.days[s.days.length - 1].day || 1;
  const x = (day: number) => (PAD + (day / last) * (W - 2 * PAD)).toFixed(1);
  const y = (v: number) => (PAD + ((hi - v) / (hi - lo || 1)) * (H - 2 * PAD)).toFixed(1);
  const band = (ci: (d: typeof days[number]) => [number, number]) =>
    [
      ...days.map((d) => `${x(d.day)},${y(ci(d)[1])}`),
      ...days.slice().reverse().map((d) => `${x(d.day)},${y(ci(d)[0])}`),
    ].join(" ");
  const line = days.map((d) => `${x(d.day)},${y(d.delta!)}`).join(" ");
  const stop = s.stopDay === null
    ? ""
    : `<line x1="${x(s.stopDay)}" x2="${x(s.stopDay)}" y1="${PAD}" y2="${
      H - PAD
    }" class="seq-stop"/>` +
      `<text x="${x(s.stopDay)}" y="${PAD - 6}" text-anchor="middle">stop: day ${s.stopDay}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="Δ over days with intervals">
<style>.seq-av{fill:#4e79a7;opacity:.25}.seq-fx{fill:#f28e2b;opacity:.35}.seq-d{fill:none;stroke:#222;stroke-width:1.5}
.seq-0{stroke:#888;stroke-dasharray:4 3}.seq-stop{stroke:#c00;stroke-width:1.5}svg text{font:11px sans-serif;fill:currentColor}</style>
<polygon class="seq-av" points="${band((d) => d.sequentialCi!)}"/>
<polygon class="seq-fx" points="${band((d) => d.fixedCi!)}"/>
<line x1="${PAD}" x2="${W - PAD}" y1="${y(0)}" y2="${y(0)}" class="seq-0"/>
<polyline class="seq-d" points="${line}"/>${stop}
<text x="${PAD}" y="${H - 12}">day 0</text><text x="${W - PAD}" y="${
    H - 12
  }" text-anchor="end">day ${last}</text>
<text x="4" y="${y(hi)}">${hi.toPrecision(3)}</text><text x="4" y="${y(lo)}">${
    lo.toPrecision(3)
  }</text>
</svg>`;
}

const dayText = (d: number | null, s: ReportSequential) =>
  d === null ? "never" : `day ${d} (${s.days[d]?.date ?? ""})`;

/**
 * Renders the section (nothing without a `sequential` result).
 *
 * @example
 * ```ts
 * import { renderSequential } from "./_sequential.ts";
 * const day = (d: number, delta: number) => ({ day: d, date: `2020-01-0${d + 1}`, nControl: 10 * (d + 1), nTest: 10 * (d + 1),
 *   delta, fixedCi: [delta - 0.01, delta + 0.01] as [number, number], sequentialCi: [delta - 0.03, delta + 0.03] as [number, number] });
 * const sequential = { metric: "NDCG@10", alpha: 0.05, tuning: 5000, days: [day(0, 0.02), day(1, 0.04)], stopDay: 1, fixedStopDay: 0,
 *   aa: { salts: 100, fixedPeeking: { count: 20, rate: 0.2, ci: [0.13, 0.29] as [number, number] },
 *     sequentialPeeking: { count: 2, rate: 0.02, ci: [0, 0.07] as [number, number] }, fixedFinal: { count: 5, rate: 0.05, ci: [0.02, 0.11] as [number, number] } } };
 * const html = renderSequential({ sequential } as never).value;
 * if (!html.includes("<svg") || !html.includes("stop: day 1") || !html.includes("20.0%")) throw new Error(html);
 * if (renderSequential({} as never).value !== "") throw new Error();
 * ```
 */
export function renderSequential(input: ReportInput): SafeHtml {
  const s = input.sequential;
  if (!s) return markup``;
  const aa = s.aa
    ? markup`<p>A/A over ${fmtInt(s.aa.salts)} salts (control's users split in two, checked every
day): a fixed-horizon interval excluded 0 on some day in <b>${fmtPct(s.aa.fixedPeeking.rate)}</b>
of the salts, the always-valid one in <b>${fmtPct(s.aa.sequentialPeeking.rate)}</b> (at most
α = ${fmtPct(s.alpha)}); the fixed-horizon interval on the last day alone in
${fmtPct(s.aa.fixedFinal.rate)}.</p>`
    : null;
  const lastDay = s.days[s.days.length - 1];
  return markup`<section class="card" id="sequential"><h2>Sequential monitoring (${s.metric})</h2>
<p>The holdout replayed day by day: each user enters on the day of their first test
interaction. Δ of the users so far (line), its fixed-horizon ${
    fmtPct(1 - s.alpha)
  } interval (orange) and its always-valid interval (blue; mixture SPRT as in GrowthBook,
tuning N = ${fmtInt(s.tuning)}). The always-valid interval first excludes 0 on
<b>${dayText(s.stopDay, s)}</b>; a daily peek at the fixed-horizon interval would have stopped on
${dayText(s.fixedStopDay, s)}. Last day: ${fmtInt(lastDay.nControl)} / ${
    fmtInt(lastDay.nTest)
  } users, Δ ${fmtSigned(lastDay.delta)}.</p>
<figure class="fig">${trusted(chart(s))}</figure>${aa}</section>`;
}
