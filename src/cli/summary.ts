/**
 * The run summary printed to stdout.
 *
 * @module
 */
import { SEGMENTS } from "../metrics/mod.ts";
import type { CandidateRun, PipelineResult, RunResult } from "../pipeline/mod.ts";
import { num, pct, textTable } from "./table.ts";

const users = (c: number, t: number) => (c === t ? String(c) : `${c}/${t}`);
const pv = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));
const ciLevel = (r: RunResult) => `${Math.round(100 * (1 - r.scenario.stats.alpha))}%`;

/** Human-readable summary of a run. */
export function runSummary(result: RunResult, outDir: string): string {
  const { holdout, scenario, arms } = result;
  const c = arms.control.spec;
  const t = arms.test.spec;
  const lines = [
    `abreplay run "${scenario.name}" — ${scenario.mode.type} mode, k = ${
      [scenario.eval.k].flat().join(", ")
    }`,
    `data: ${result.dataset.report.rowsKept} interactions, ${holdout.nUsers} users, ${holdout.nItems} items; ` +
    `split T = ${new Date(holdout.T * 1000).toISOString()}; eval users ${holdout.evalUsers.length}`,
    `control: ${c.label ?? c.type} (${result.assigned.control} users)   test: ${
      t.label ?? t.type
    } (${result.assigned.test} users)`,
    "",
  ];
  const rows: string[][] = [];
  for (const seg of SEGMENTS) {
    for (const m of result.comparison.metrics.filter((x) => x.segment === seg)) {
      const ci = m.ciBca ? `[${num(m.ciBca[0])}, ${num(m.ciBca[1])}]` : "";
      const p = m.pValue;
      // One significance rule, as the gate and the report read it: the interval excludes 0.
      const sig = !!m.ciBca && (m.ciBca[0] > 0 || m.ciBca[1] < 0);
      // † where the normal-approximation p says otherwise (few non-zero values: read with care)
      const star = (sig ? "*" : "") +
        (p !== null && m.ciBca && (p < result.scenario.stats.alpha) !== sig ? "†" : "");
      rows.push([
        seg,
        m.metric,
        users(m.nControl, m.nTest),
        num(m.control),
        num(m.test),
        num(m.delta),
        ci,
        pct(m.lift),
        p === null ? "" : `${pv(p)}${star}`,
      ]);
    }
  }
  lines.push(
    textTable([
      "segment",
      "metric",
      "users",
      "control",
      "test",
      "Δ",
      `Δ ${ciLevel(result)} CI (BCa)`,
      "lift",
      "p",
    ], rows),
  );
  lines.push(
    `p: ${
      result.comparison.mode === "paired" ? "paired z test of per-user deltas" : "Welch z test"
    }` +
      ` (two-sided, unadjusted; Holm-adjusted values are in metrics.json)` +
      `; * = the ${ciLevel(result)} interval of Δ excludes 0 (the gate's rule);` +
      ` † = p and interval disagree (few non-zero values: read with care)`,
  );
  const srm = result.comparison.srm;
  if (srm) {
    lines.push(
      `SRM: served ${srm.observed.join(" / ")} vs weights ${srm.weights.join(" / ")}: χ² = ${
        srm.chi2.toFixed(2)
      }, p = ${pv(srm.p)}${srm.flagged ? "  ← SAMPLE RATIO MISMATCH" : " (ok)"}`,
    );
  }
  lines.push(
    `serving (latency per request, p50 / p95 / p99): ${
      (["control", "test"] as const).map((name) => {
        const h = result.comparison.health[name];
        const rec = arms[name].recommender;
        const ms = [h.latencyP50Ms, h.latencyP95Ms, h.latencyP99Ms].map((x) => x.toFixed(1));
        const how = rec.requestSize !== undefined ? ` over HTTP, ${h.requests} requests` : "";
        return `${name}${how}: ${ms.join(" / ")} ms, ${h.failed} of ${h.served + h.failed} failed`;
      }).join("; ")
    } (serving.json)`,
  );
  const pw = result.comparison.power;
  if (pw) {
    lines.push(
      `power: ${pw.metric} MDE at n = ${pw.n}: ${num(pw.mdeAbs)} (${pct(pw.mdeRel)} of control); ` +
        `target ${pct(pw.targetMde)} needs ${pw.usersNeeded} users${
          result.comparison.mode === "paired" ? "" : " per arm"
        }`,
    );
  }
  lines.push(...cupedLines(result));
  lines.push(...clicksLines(result));
  lines.push(...sequentialLines(result));
  for (const name of ["control", "test"] as const) {
    const v = arms[name].served.violations;
    const bad = v.seen + v.duplicate + v.notInCatalog + v.outOfRange;
    if (bad || arms[name].served.failedUsers) {
      lines.push(
        `warning: ${name} returned ${bad} invalid items (removed): ${
          JSON.stringify(v)
        }; failed users ${arms[name].served.failedUsers}`,
      );
    }
  }
  lines.push("", `outputs: ${outDir}/`);
  return lines.join("\n");
}

/** The click model's lines: CTR per arm with its interval, and interleaving when simulated. */
function clicksLines(result: RunResult): string[] {
  const c = result.clicks;
  if (!c) return [];
  const rate = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "—");
  const arm = (n: "control" | "test") =>
    `${n} ${rate(c.arms[n].ctr)} [${rate(c.arms[n].ci[0])}, ${rate(c.arms[n].ci[1])}]`;
  const lines = [
    `clicks (position-based model, simulated, seed ${c.seed}): block CTR ${arm("control")}, ${
      arm("test")
    } (${ciLevel(result)} exact intervals; the CTR@${c.examination.length} row compares them)`,
  ];
  const il = c.interleaving;
  if (il) {
    const need = (n: number | null) => (n === null ? "—" : String(n));
    lines.push(
      `interleaving (team draft): test preferred by ${il.wins}, control by ${il.losses}, ` +
        `tie ${il.ties}; preference ${num(il.preference)} [${num(il.ci[0])}, ${
          num(il.ci[1])
        }], p = ${pv(il.pValue)}; users needed ${need(il.usersNeeded)} vs A/B ${
          need(il.abUsersNeeded)
        } in all (sensitivity ×${
          il.sensitivityRatio === null ? "—" : il.sensitivityRatio.toFixed(1)
        })`,
    );
  }
  return lines;
}

/** CUPED beside the plain test, for the rows that have it. */
function cupedLines(result: RunResult): string[] {
  const rows = result.comparison.metrics.filter((m) => m.cupedTheta !== null);
  if (rows.length === 0) return [];
  const ci = (iv: readonly [number, number] | null) => (iv ? `[${num(iv[0])}, ${num(iv[1])}]` : "");
  const p = (x: number | null) => (x === null ? "" : pv(x));
  const level = ciLevel(result);
  return [
    "",
    `CUPED (covariate: ${result.scenario.cuped?.covariate}, measured before the split):`,
    textTable(
      [
        "metric",
        "Δ",
        `Δ ${level} CI (BCa)`,
        "p",
        "Δ CUPED",
        `${level} CI CUPED`,
        "p CUPED",
        "var. red.",
        "θ",
      ],
      rows.map((m) => [
        `${m.metric}`,
        num(m.delta),
        ci(m.ciBca),
        p(m.pValue),
        num(m.cupedDelta),
        ci(m.cupedCi),
        p(m.cupedPValue),
        pct(m.cupedVarianceReduction).replace("+", ""),
        num(m.cupedTheta),
      ]),
    ),
  ];
}

/** The day-by-day monitoring: weekly rows and the stopping days, and the A/A of peeking. */
function sequentialLines(result: RunResult): string[] {
  const s = result.sequential;
  if (!s) return [];
  const stop = (d: number | null) => (d === null ? "never" : `day ${d} (${s.days[d].date})`);
  // the first four weeks, then about ten rows evenly spread, the stopping days and the last day
  const step = Math.max(7, Math.ceil(s.days.length / 70) * 7);
  const shown = s.days.filter((d, i) =>
    d.delta !== null &&
    ((i <= 28 && i % 7 === 0) || i % step === 0 || i === s.days.length - 1 ||
      d.day === s.stopDay || d.day === s.fixedStopDay)
  );
  const ci = (iv: readonly [number, number] | null) => (iv ? `[${num(iv[0])}, ${num(iv[1])}]` : "");
  const level = ciLevel(result);
  const lines = [
    "",
    `sequential monitoring of ${s.metric} (users enter on their first test day; always-valid = ` +
    `mixture SPRT, N = ${s.tuning}): stops on ${stop(s.stopDay)}; ` +
    `a daily fixed-horizon peek would stop on ${stop(s.fixedStopDay)}`,
    textTable(
      ["day", "date", "users", "Δ", `fixed ${level} CI`, "always-valid CI"],
      shown.map((d) => [
        String(d.day),
        d.date,
        users(d.nControl, d.nTest),
        num(d.delta),
        ci(d.fixedCi),
        ci(d.sequentialCi),
      ]),
    ),
  ];
  if (s.aa) {
    const r = (x: { rate: number }) => `${(100 * x.rate).toFixed(1)}%`;
    lines.push(
      `A/A of daily peeking over ${s.aa.salts} salts: fixed-horizon ${r(s.aa.fixedPeeking)} ` +
        `false positives, always-valid ${r(s.aa.sequentialPeeking)} (α = ${s.alpha}); ` +
        `fixed-horizon on the last day only ${r(s.aa.fixedFinal)}`,
    );
  }
  return lines;
}

/**
 * Human-readable summary of a run with several candidates: one block per
 * candidate (its decision, why it was or was not chosen, then its table
 * against control), then one line per candidate (decision, primary lift and
 * its interval, why) and the run's choice.
 */
export function candidatesSummary(
  candidates: CandidateRun[],
  verdict: NonNullable<PipelineResult["choice"]>,
  outDir: string,
): string {
  const lines: string[] = [];
  const rows: string[][] = [], why: string[] = [];
  for (const c of candidates) {
    const v = verdict.candidates.find((x) => x.name === c.name)!;
    const body = runSummary(c.result, outDir).split("\n");
    lines.push(
      `════════ candidate ${c.name}: ${v.decision.toUpperCase()}`,
      ...body.slice(0, body.length - 2),
      "",
    );
    const primary = c.result.comparison.metrics.find((m) =>
      m.segment === "overall" && m.metric === c.result.scenario.gate.primary.metric
    );
    const ci = primary?.liftCiBca;
    rows.push([
      c.name,
      c.result.arms.test.spec.label ?? c.result.arms.test.spec.type,
      v.decision,
      pct(primary?.lift),
      ci ? `[${pct(ci[0])}, ${pct(ci[1])}]` : "",
    ]);
    why.push(`${c.name}: ${v.why}`);
  }
  const head = verdict.chosen
    ? `${verdict.decision.toUpperCase()} ${verdict.chosen}`
    : verdict.decision.toUpperCase();
  const metric = candidates[0].result.scenario.gate.primary.metric;
  lines.push(
    textTable(
      [
        "candidate",
        "arm",
        "decision",
        `${metric} lift`,
        `${ciLevel(candidates[0].result)} CI`,
      ],
      rows,
    ),
    "",
    ...why,
    "",
    ...(verdict.srm
      ? [
        `SRM over all ${verdict.srm.observed.length} arms: served ${
          verdict.srm.observed.join(" / ")
        } vs weights ${verdict.srm.weights.map((w) => +w.toFixed(4)).join(" / ")}: χ² = ${
          verdict.srm.chi2.toFixed(2)
        }, p = ${pv(verdict.srm.p)}${verdict.srm.flagged ? "  ← SAMPLE RATIO MISMATCH" : " (ok)"}`,
        "",
      ]
      : []),
    `gate over ${candidates.length} candidates (admission claims Holm-adjusted across the ${verdict.family.hypotheses.length} candidates): ${head}`,
    "",
    `outputs: ${outDir}/`,
  );
  return lines.join("\n");
}
