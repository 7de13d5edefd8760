/**
 * `abreplay oc`: measure the gate itself — A/A error rates of the whole gate
 * and the primary rule's operating characteristic under known effects.
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import { type Command, OUTPUT_HELP, parse, scenarioFromArgs } from "../args.ts";
import { type OcResult, runPipeline } from "../../pipeline/mod.ts";
import { stderrProgress } from "../progress_render.ts";
import { textTable } from "../table.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(2)}%`;

function count(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new UsageError(`--${name} must be a non-negative integer, found "${raw}"`);
  }
  return n;
}

function lifts(values: Record<string, unknown>): number[] | undefined {
  const raw = values.lifts;
  if (typeof raw !== "string") return undefined;
  const xs = raw.split(",").map((x) => Number(x.trim()));
  if (xs.length === 0 || xs.some((x) => !Number.isFinite(x) || x <= -1)) {
    throw new UsageError(
      `--lifts must be comma-separated relative lifts above -1, found "${raw}"`,
      {
        hint: "e.g. --lifts -0.05,0,0.05,0.1",
      },
    );
  }
  return [...new Set(xs)].sort((a, b) => a - b);
}

/** Plain-text tables of an OC result. */
export function ocSummary(r: OcResult): string {
  const lines: string[] = [];
  if (r.aa) {
    const a = r.aa;
    lines.push(
      `A/A: the control against itself, ${a.salts} salts (weights ${
        a.weights.join("/")
      }, ${a.evalUsers} eval users), whole gate`,
      textTable(
        ["decision", "salts", "rate", "95% CI"],
        (["admit", "reject", "inconclusive"] as const).map((
          d,
        ) => [d, String(a[d].count), pct(a[d].rate), `[${pct(a[d].ci[0])}, ${pct(a[d].ci[1])}]`]),
      ),
      "",
    );
  }
  if (r.effects) {
    const e = r.effects;
    lines.push(
      `Known effects: ${e.metric} (${e.kind}, threshold ${signed(e.threshold)}), ${
        e.points[0]?.reps ?? 0
      } simulated runs of ${e.nControl}/${e.nTest} users per lift, B = ${e.resamples}`,
      textTable(
        ["true lift", "P(admit)", "95% CI", "stated", "P(reject)", "95% CI", "stated"],
        e.points.map((p) => [
          signed(p.lift),
          pct(p.admit.rate),
          `[${pct(p.admit.ci[0])}, ${pct(p.admit.ci[1])}]`,
          p.stated ? pct(p.stated.admit) : "—",
          pct(p.reject.rate),
          `[${pct(p.reject.ci[0])}, ${pct(p.reject.ci[1])}]`,
          p.stated ? pct(p.stated.reject) : "—",
        ]),
      ),
    );
  }
  for (const n of r.notes) lines.push(`note: ${n}`);
  return lines.join("\n");
}

export const ocCommand: Command = {
  name: "oc",
  summary: "Measure the gate itself: A/A false admit/reject rates and P(admit | true lift).",
  help:
    `abreplay oc <scenario.json|.yaml> [--salts S] [--reps R] [--lifts a,b,…] [--out DIR] [--force] [--seed N] [--quiet] [--json]

Runs the scenario like \`gate\`, then measures the gate's operating characteristic:
  A/A      the control's users split under S salts (default 200) as an A/B test
           (the scenario's weights; 50/50 for paired scenarios), the whole gate
           applied to each: false-admit and false-reject rates with 95%
           Clopper–Pearson intervals.
  effects  the run's per-user values of the primary metric as the population,
           the test arm rescaled to a true lift δ, R (default 200) experiments
           of the run's size per δ, the primary rule decided on each as the
           gate does (same B and Monte Carlo refinement): P(admit | δ),
           P(reject | δ), beside the stated (normal-approximation) values.
           δ defaults to −target, 0, the threshold, the midpoint and
           stats.targetMde; --lifts sets them.
Writes the run's outputs plus oc.json; report.html draws the measured points on
the stated curve. Exit 0 (the measurement ran), 2 invalid input.
Cost grows as (S + R · lifts) × B × users: lower --salts/--reps on large data.

${OUTPUT_HELP}`,
  async run(args) {
    if (args.includes("--help") || args.includes("-h")) return (console.log(this.help), 0);
    const { values, positionals } = parse("oc", args, {
      salts: { type: "string" },
      reps: { type: "string" },
      lifts: { type: "string" },
    });
    const s = await scenarioFromArgs("oc", values, positionals);
    const { oc } = await runPipeline(s, {
      out: typeof values.out === "string" ? values.out : undefined,
      force: !!values.force,
      progress: stderrProgress(!!values.quiet),
      oc: {
        salts: count(values, "salts", 200),
        reps: count(values, "reps", 200),
        lifts: lifts(values),
      },
    });
    if (values.json) console.log(JSON.stringify(oc, null, 2));
    else console.log(ocSummary(oc!));
    return 0;
  },
};
