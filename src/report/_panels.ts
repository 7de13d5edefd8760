/**
 * The chart panels: a titled box per chart holding one or more `<canvas>`
 * (drawn by the page script), a line on how to read it, and its key numbers
 * as text. A chart without data in this run is not drawn: it is listed under
 * "Not shown" with the reason, and a figure with nothing to plot (a segment
 * whose metrics have no lift) says why in its place.
 *
 * @module
 */
import { type HtmlValue, markup, type SafeHtml } from "./_html.ts";
import { fmtInt, fmtP, fmtPct, fmtSigned, fmtValue, roundSig } from "./_format.ts";
import { termLink } from "./_glossary.ts";
import { fmtThreshold, levelText } from "./_row_text.ts";
import type { ChartData } from "./_chart_data.ts";
import type { ReportInput } from "./types.ts";

/** One figure of a panel: a canvas (id suffix and accessible label), or a note in its place. */
interface Figure {
  id: string;
  /** Canvas height in pixels, when not the panel's. */
  height?: number;
  caption?: string;
  label: string;
  /** Shown instead of a canvas (nothing to plot), or under it. */
  note?: HtmlValue;
  canvas: boolean;
}

interface Panel {
  id: string;
  title: HtmlValue;
  /** How to read the chart. */
  sub: HtmlValue;
  /** Figures of the panel; empty when it has no data (then `na` says why). */
  figures: Figure[];
  height: number;
  na: string;
  stats?: HtmlValue;
  wide?: boolean;
}

function renderFigure(f: Figure, height: number): SafeHtml {
  const caption = f.caption ? markup`<figcaption>${f.caption}</figcaption>` : null;
  const canvas = f.canvas
    ? markup`<div class="chart" style="height:${
      f.height ?? height
    }px"><canvas id="chart-${f.id}" role="img" aria-label="${f.label}">Chart needs JavaScript.</canvas></div>`
    : null;
  const note = f.note ? markup`<p class="${f.canvas ? "fig-note" : "na"}">${f.note}</p>` : null;
  return markup`<figure class="fig">${caption}${canvas}${note}</figure>`;
}

function renderPanel(p: Panel): SafeHtml {
  const stats = p.stats ? markup`<div class="stats">${p.stats}</div>` : null;
  const n = Math.min(p.figures.length, 3);
  return markup`<div class="panel${p.wide ? " wide" : ""}" id="panel-${p.id}">
<h3>${p.title}</h3><p class="sub">${p.sub}</p>
<div class="figs figs-${n}">${p.figures.map((f) => renderFigure(f, p.height))}</div>${stats}</div>`;
}

function one(present: unknown, id: string, label: string): Figure[] {
  return present ? [{ id, label, canvas: true }] : [];
}

function srmStats(srm: ReportInput["srm"]): HtmlValue {
  if (!srm) return null;
  const flag = srm.flagged
    ? markup`<span class="flag bad">⚠ sample-ratio mismatch</span>`
    : markup`<span class="flag ok">✓ no mismatch</span>`;
  return markup`<span>χ² <b>${fmtValue(srm.chi2)}</b></span><span>p <b>${fmtP(srm.p)}</b></span>
<span>flagged below p ${String(roundSig(srm.alpha, 3))}</span>${flag}`;
}

function powerStats(input: ReportInput): HtmlValue {
  const p = input.power;
  if (!p) return null;
  const per = input.mode.type === "ab" ? "per arm" : "";
  return markup`<span>${termLink("mde", "MDE")} now <b>${
    fmtPct(p.mdeRel)
  }</b> <span class="muted">(${fmtSigned(p.mdeAbs)} absolute)</span> with <b>${
    fmtInt(p.n)
  }</b> users ${per}</span>
<span>the target ${fmtPct(p.targetMde)} needs <b>${fmtInt(p.usersNeeded)}</b> users ${per}</span>
<span class="muted">α ${String(roundSig(p.alpha, 3))}, ${termLink("power")} ${
    fmtPct(p.power, false, 0)
  }</span>`;
}

function rate(r: { rate: number; ci: [number, number] }): SafeHtml {
  return markup`<b>${fmtPct(r.rate)}</b> <span class="muted">[${fmtPct(r.ci[0])}, ${
    fmtPct(r.ci[1])
  }]</span>`;
}

function ocStats(o: ReportInput["oc"]): HtmlValue {
  if (!o) return null;
  const aa = o.aa
    ? markup`<span>${termLink("aa", "A/A")} over ${fmtInt(o.aa.salts)} splits: falsely admitted ${
      rate(o.aa.admit)
    }, falsely rejected ${rate(o.aa.reject)}</span>`
    : markup`<span class="muted">measure it: <code>abreplay oc</code></span>`;
  return markup`<span>${termLink("power")} at ${fmtPct(o.alternative, true)}: <b>${
    fmtPct(o.power)
  }</b></span>${aa}`;
}

function coverageStats(cov: ReportInput["longTail"]["coverage"]): HtmlValue {
  if (!cov) return null;
  return markup`<span>catalog coverage (all users): control <b>${fmtPct(cov.control)}</b></span>
<span>test <b>${fmtPct(cov.test)}</b></span>`;
}

function forestFigures(data: ChartData): Figure[] {
  return (data.forest ?? []).map((f) => {
    const missing = f.noLift.length > 0
      ? markup`No lift for ${
        f.noLift.join(", ")
      }: the control's value is 0, so a relative change is undefined; their Δ is in the table.`
      : null;
    return {
      id: `forest-${f.segment}`,
      caption: f.segment,
      label: `relative lift with its interval, ${f.segment} segment`,
      note: missing,
      canvas: f.rows.length > 0,
      height: 70 + 36 * f.rows.length,
    };
  });
}

function ocSub(o: ReportInput["oc"]): HtmlValue {
  if (!o) return "Probability of admitting or rejecting a candidate of a given true lift.";
  const measured = o.measured
    ? " Points: measured by abreplay oc (simulated experiments of this size), with 95% intervals."
    : "";
  return markup`For each possible true lift of ${o.metric} (x), the chance that the primary rule at this run's size admits (green) or rejects (red) the candidate; the dashed line is its threshold ${
    fmtThreshold(o.threshold)
  }. ${o.statement.charAt(0).toUpperCase() + o.statement.slice(1)}.${measured}`;
}

function panels(input: ReportInput, data: ChartData): Panel[] {
  const boot = input.bootstrap;
  const level = levelText(input);
  return [{
    id: "forest",
    title: markup`Relative ${termLink("lift")} by metric`,
    sub: markup`Each row: the lift of test over control (◆) and its ${level} ${
      termLink("ci", "interval")
    } (bar; an arrow where it has no limit). Green / red: ${
      termLink("significant", "significantly")
    } better / worse (the interval excludes 0, the vertical line). ${
      (data.forest ?? []).some((f) => f.axis.log)
        ? "The axis is logarithmic in the ratio test / control, so small and very large lifts both show."
        : ""
    }`,
    figures: forestFigures(data),
    height: 250,
    na:
      "no metric has a lift interval in this run (too few users, or the control's values are all 0).",
    wide: true,
  }, {
    id: "segments",
    title: markup`Primary metric by ${termLink("segments", "segment")}${
      data.segments ? markup`: ${data.segments[0].metric}` : null
    }`,
    sub:
      "Control and test value in each segment; each segment on its own scale, so small values show.",
    figures: (data.segments ?? []).map((s) => ({
      id: `segments-${s.segment}`,
      caption: `${s.segment}: ${s.metric}`,
      label: `${s.metric}, control vs test`,
      canvas: true,
    })),
    height: 200,
    na: "no primary metric rows.",
    wide: true,
  }, {
    id: "bootstrap",
    title: markup`${termLink("bootstrap", "Bootstrap")} distribution of ${termLink("delta", "Δ")}${
      boot ? markup`: ${boot.metric}` : null
    }`,
    sub: boot
      ? markup`How test − control varied over ${
        fmtInt(boot.replicates.length)
      } resamples of the users; dashed: the ${level} interval of Δ. When 0 lies outside it, the difference is significant.`
      : "",
    figures: one(data.bootstrap, "bootstrap", "bootstrap distribution of the difference"),
    height: 250,
    na: "the primary metric was not bootstrapped (fewer than 2 users in an arm).",
  }, {
    id: "srm",
    title: markup`${termLink("srm", "Sample-ratio check")}`,
    sub: "Users expected vs served per arm; a mismatch points to a bug in assignment or serving.",
    figures: one(data.srm, "srm", "expected vs served users per arm"),
    height: 250,
    na: input.mode.type === "paired"
      ? "paired replay serves every user to both arms, so there is no split to check."
      : "no sample-ratio check in this run.",
    stats: srmStats(input.srm),
  }, {
    id: "power",
    title: markup`${termLink("mde", "Minimum detectable effect")}${
      input.power ? markup`: ${input.power.metric}` : null
    }`,
    sub:
      "The smallest lift a run of a given size detects with the stated power (PROTOCOL §6; both axes logarithmic: it falls as 1/√users). ● this run, ▲ the users the target needs. The gate's sensitivity rule tests against its threshold instead of 0, so its count of users can differ a little.",
    figures: one(data.power, "power", "minimum detectable effect against users per arm"),
    height: 260,
    na: "no power analysis in this run (the primary metric has no per-user values or a zero mean).",
    stats: powerStats(input),
  }, {
    id: "oc",
    title: markup`Gate ${termLink("oc", "operating characteristic")}${
      input.oc ? markup`: ${input.oc.metric}` : null
    }`,
    sub: ocSub(input.oc),
    figures: one(data.oc, "oc", "probability of admission and rejection against the true lift"),
    height: 260,
    na:
      "no gate operating characteristic in this run (the primary metric has no per-user values or a zero mean).",
    stats: ocStats(input.oc),
  }, {
    id: "longtail",
    title: "Long tail and coverage",
    sub:
      `Where the recommended slots (top-${input.k}) go: share per item-popularity bucket, most popular first.`,
    figures: one(data.longTail, "longtail", "share of recommended slots per popularity bucket"),
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
 *   mode: { type: "paired" }, srm: null, power: null, bootstrap: null, k: 10, metrics: [],
 *   longTail: { coverage: { control: 0.1, test: 0.2 } },
 * };
 * const out = renderPanels(input as never, data as never).value;
 * if (out.includes("<canvas") || out.split('<li id="na-').length !== 8) throw new Error(out);
 * if (!out.includes("paired replay serves every user")) throw new Error(out);
 * ```
 */
export function renderPanels(input: ReportInput, data: ChartData): SafeHtml {
  const all = panels(input, data);
  const shown = all.filter((p) => p.figures.length > 0);
  const hidden = all.filter((p) => p.figures.length === 0);
  const notShown = hidden.length > 0
    ? markup`<div class="not-shown"><h3>Not shown in this run</h3><ul>${
      hidden.map((p) => markup`<li id="na-${p.id}"><b>${p.title}</b>: ${p.na}</li>`)
    }</ul></div>`
    : null;
  return markup`<section class="card" id="charts"><h2>Charts</h2>
<noscript><p class="noscript">Charts need JavaScript; every number is also in the tables above.</p></noscript>
<div class="panels">${shown.map(renderPanel)}</div>${notShown}</section>`;
}
