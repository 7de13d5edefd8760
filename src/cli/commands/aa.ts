/**
 * `abreplay aa`: A/A calibration over many salts.
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import { aaCalibration, aaDocument } from "../../pipeline/mod.ts";
import { type Command, OUTPUT_HELP, parse, scenarioFromArgs } from "../args.ts";
import { stderrProgress } from "../progress_render.ts";
import { textTable } from "../table.ts";

export const aaCommand: Command = {
  name: "aa",
  summary:
    "A/A calibration: control vs itself under many salts; false-positive and SRM flag rates.",
  help: `abreplay aa <scenario.json|.yaml> [--salts N] [--out DIR] [--force] [--quiet] [--json]

Serves the control arm once, then for each of N salts (default 200) buckets
the eval users as in A/B mode and tests every metric between the halves
(Welch z, two-sided, at stats.alpha) and the split for SRM. Prints the
empirical false-positive rate per metric (expected ≈ α) and the SRM flag
rate (expected ≈ stats.srmAlpha), each with a 95% Clopper–Pearson interval.
A metric that is constant over the users (e.g. cold metrics of popular) cannot
be tested and is listed as degenerate. Writes aa.json to reports/<name>-aa/.
To measure the whole gate's error rates instead, see \`abreplay oc\`.

${OUTPUT_HELP}`,
  async run(args) {
    const { values, positionals } = parse("aa", args, { salts: { type: "string" } });
    if (values.help) return (console.log(this.help), 0);
    const s = await scenarioFromArgs("aa", values, positionals);
    const salts = Number(values.salts ?? 200);
    if (!Number.isInteger(salts) || salts < 1) {
      throw new UsageError(`--salts must be a positive integer, found "${values.salts}"`);
    }
    const { result: r } = await aaCalibration(s, {
      salts,
      out: typeof values.out === "string" ? values.out : undefined,
      force: !!values.force,
      progress: stderrProgress(!!values.quiet),
    });
    if (values.json) {
      console.log(JSON.stringify(aaDocument(r), null, 2));
      return 0;
    }
    console.log(
      `A/A calibration of "${s.name}" control (${s.control.type}) over ${salts} salts, ${r.evalUsers} eval users, α = ${r.alpha}`,
    );
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const cuped = r.cupedFalsePositiveRate;
    const rows = Object.entries(r.falsePositiveRate).map(([m, v]) => {
      const row = [m, String(v.count), pct(v.rate), `[${pct(v.ci[0])}, ${pct(v.ci[1])}]`];
      const c = cuped?.[m];
      return cuped
        ? [...row, c ? pct(c.rate) : "", c ? `[${pct(c.ci[0])}, ${pct(c.ci[1])}]` : ""]
        : row;
    });
    for (const [m, why] of Object.entries(r.degenerate)) rows.push([m, "—", "degenerate", why]);
    const head = ["metric", "p < α", "false-positive rate", "95% CI"];
    console.log(textTable(cuped ? [...head, "CUPED rate", "CUPED 95% CI"] : head, rows));
    console.log(
      `SRM flags: ${r.srmFlags} of ${salts} (${
        (100 * r.srmFlagRate).toFixed(1)
      }%) at srmAlpha = ${r.srmAlpha}`,
    );
    return 0;
  },
};
