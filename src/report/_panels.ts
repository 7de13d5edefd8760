/**
 * The chart panels: a titled box per chart holding one or more `<canvas>`
 * (drawn by the page script) and the panel's key numbers as text, or a
 * "Not available" note when the input has no data for it.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtInt, fmtP, fmtPct, fmtSigned, fmtValue, roundSig } from "./_format.ts";
import type { ChartData } from "./_chart_data.ts";
import type { ReportInput } from "./types.ts";

/** One canvas of a panel: id suffix, caption (for several canvases) and accessible label. */
interface Canvas {
  id: string;
  caption?: string;
  label: string;
}

interface Panel {
  id: string;
  title: HtmlValue;
  sub: HtmlValue;
  /** Canvases of the panel (empty when it has no data) and their height in pixels. */
  canvases: Canvas[];
  height: number;
  na: string;
  stats?: HtmlValue;
  wide?: boolean;
}

function renderCanvas(c: Canvas, height: number): SafeHtml {
  const caption = c.caption ? markup`<figcaption>${c.caption}</figcaption>` : null;
  const canvas =
    markup`<canvas id="chart-${c.id}" role="img" aria-label="${c.label}">Chart needs JavaScript.</canvas>`;
  return markup`<figure class="fig">${caption}<div class="chart" style="height:${height}px">${canvas}</div></figure>`;
}

function renderPanel(p: Panel): SafeHtml {
  const body = p.canvases.length === 0
    ? markup`<p class="na">Not available: ${p.na}</p>`
    : markup`<div class="figs figs-${p.canvases.length}">${
      p.canvases.map((c) => renderCanvas(c, p.height))
    }</div>`;
  const stats = p.stats ? markup`<div class="stats">${p.stats}</div>` : null;
  return markup`<div class="panel${p.wide ? " wide" : ""}" id="panel-${p.id}">
<h3>${p.title}</h3><p class="sub">${p.sub}</p>
${body}${stats}</div>`;
}

function one(present: unknown, id: string, label: string): Canvas[] {
  return present ? [{ id, label }] : [];
}

function srmStats(srm: ReportInput["srm"]): HtmlValue {
  if (!srm) return null;
  const flag = srm.flagged
    ? markup`<span class="flag bad">⚠ sample-ratio mismatch</span>`
    : markup`<span class="flag ok">✓ no mismatch</span>`;
  return markup`<span>χ² <b>${fmtValue(srm.chi2)}</b></span><span>p <b>${fmtP(srm.p)}</b></span>
<span>α ${String(roundSig(srm.alpha, 3))}</span>${flag}`;
}

function powerStats(p: ReportInput["power"]): HtmlValue {
  if (!p) return null;
  return markup`<span>MDE now <b>${fmtPct(p.mdeRel)}</b> <span class="muted">(${
    fmtSigned(p.mdeAbs)
  } abs)</span>
at <b>${fmtInt(p.n)}</b> users/arm</span>
<span>target ${fmtPct(p.targetMde)} needs <b>${fmtInt(p.usersNeeded)}</b> users/arm</span>
<span class="muted">α ${String(roundSig(p.alpha, 3))}, power ${fmtPct(p.power, false, 0)}</span>`;
}

function ocStats(o: ReportInput["oc"]): HtmlValue {
  if (!o) return null;
  const aa = o.aa
    ? markup`<span>A/A over ${fmtInt(o.aa.salts)} salts: admitted <b>${
      fmtPct(o.aa.admit.rate)
    }</b> <span class="muted">[${fmtPct(o.aa.admit.ci[0])}, ${
      fmtPct(o.aa.admit.ci[1])
    }]</span>, rejected <b>${fmtPct(o.aa.reject.rate)}</b> <span class="muted">[${
      fmtPct(o.aa.reject.ci[0])
    }, ${fmtPct(o.aa.reject.ci[1])}]</span></span>`
    : null;
  return markup`<span>power at ${fmtPct(o.alternative)}: <b>${fmtPct(o.power)}</b></span>${aa}`;
}

function coverageStats(cov: ReportInput["longTail"]["coverage"] | undefined): HtmlValue {
  if (!cov) return null;
  return markup`<span>catalog coverage: control <b>${fmtPct(cov.control)}</b></span>
<span>test <b>${fmtPct(cov.test)}</b></span>`;
}

function panels(input: ReportInput, data: ChartData): Panel[] {
  const boot = input.bootstrap;
  const forestRows = Math.max(0, ...(data.forest ?? []).map((f) => f.rows.length));
  const bootSub = boot
    ? markup`${fmtInt(boot.replicates.length)} replicates of test − control; observed ${
      fmtSigned(boot.observed)
    }.`
    : "Replicates of test − control.";
  return [{
    id: "forest",
    title: "Relative lift by metric",
    sub: "Lift of test over control (◆) with its bootstrap interval (BCa, else percentile), " +
      "per segment; green/red when the interval excludes 0.",
    canvases: (data.forest ?? []).map((f) => ({
      id: `forest-${f.segment}`,
      caption: f.segment,
      label: `relative lift, ${f.segment}`,
    })),
    height: 56 + 26 * forestRows,
    na: "no lift intervals in this run.",
    wide: true,
  }, {
    id: "segments",
    title: "Primary metrics by segment",
    sub: "Control vs test value per user segment.",
    canvases: (data.segments ?? []).map((s, i) => ({
      id: `segments-${i}`,
      caption: s.metric,
      label: `${s.metric} by segment`,
    })),
    height: 220,
    na: "no primary metric rows.",
    wide: true,
  }, {
    id: "bootstrap",
    title: markup`Bootstrap distribution of Δ${boot ? markup`: ${boot.metric}` : null}`,
    sub: bootSub,
    canvases: one(data.bootstrap, "bootstrap", "bootstrap distribution of the difference"),
    height: 250,
    na: "the primary metric was not bootstrapped.",
  }, {
    id: "srm",
    title: "Sample-ratio check",
    sub: "Users expected vs served per arm.",
    canvases: one(data.srm, "srm", "expected vs served users per arm"),
    height: 250,
    na: input.mode.type === "paired"
      ? "paired replay serves every user to both arms, so there is no sample ratio to check."
      : "no sample-ratio check in this run.",
    stats: srmStats(input.srm),
  }, {
    id: "power",
    title: markup`Minimum detectable effect${input.power ? markup`: ${input.power.metric}` : null}`,
    sub: "Relative MDE against users per arm; ● is the current size, ▲ the size the target needs.",
    canvases: one(data.power, "power", "minimum detectable effect against users per arm"),
    height: 250,
    na: "no power analysis in this run.",
    stats: powerStats(input.power),
  }, {
    id: "oc",
    title: markup`Gate operating characteristic${input.oc ? markup`: ${input.oc.metric}` : null}`,
    sub: input.oc
      ? markup`Probability that the primary rule admits (passes) or rejects (fails) a candidate of true lift δ, at this run's size: ${input.oc.statement}.${
        input.oc.measured ? " Points: measured by abreplay oc, with 95% intervals." : ""
      }`
      : "Probability of admitting or rejecting a candidate of a given true lift.",
    canvases: one(data.oc, "oc", "probability of admission and rejection against the true lift"),
    height: 250,
    na:
      "no gate operating characteristic in this run (the primary metric has no per-user values or a zero mean).",
    stats: ocStats(input.oc),
  }, {
    id: "longtail",
    title: "Long tail and coverage",
    sub: `Share of recommended slots (top-${input.k}) per item-popularity bucket.`,
    canvases: one(data.longTail, "longtail", "share of recommended slots per popularity bucket"),
    height: 250,
    na: "no popularity distribution in this run.",
    stats: coverageStats(input.longTail?.coverage),
  }];
}

/**
 * The charts section. Canvas ids are `chart-<panel>[-<part>]`, as the page
 * script expects.
 *
 * @example
 * ```ts
 * import { renderPanels } from "./_panels.ts";
 * const data = { forest: null, segments: null, srm: null, power: null, bootstrap: null, longTail: null, oc: null };
 * const input = {
 *   mode: { type: "paired" }, srm: null, power: null, bootstrap: null, k: 10,
 *   longTail: { coverage: { control: 0.1, test: 0.2 } },
 * };
 * const out = renderPanels(input as never, data as never).value;
 * if (out.includes("<canvas") || out.split("Not available").length !== 8) throw new Error(out);
 * if (!out.includes("paired replay serves every user")) throw new Error(out);
 * ```
 */
export function renderPanels(input: ReportInput, data: ChartData): SafeHtml {
  return markup`<section class="card" id="charts"><h2>Charts</h2>
<noscript><p class="noscript">Charts need JavaScript; every number is also in the tables above.</p></noscript>
<div class="panels">${panels(input, data).map(renderPanel)}</div></section>`;
}
