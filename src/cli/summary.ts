/**
 * The run summary printed to stdout.
 *
 * @module
 */
import { SEGMENTS } from "../metrics/mod.ts";
import type { RunResult } from "../run/run_scenario.ts";
import { num, pct, textTable } from "./table.ts";

/** Human-readable summary of a run. */
export function runSummary(result: RunResult, outDir: string): string {
  const { holdout, scenario, arms } = result;
  const c = arms.control.spec;
  const t = arms.test.spec;
  const lines = [
    `abreplay run "${scenario.name}" — ${scenario.mode.type} mode, k = ${scenario.eval.k}`,
    `data: ${result.dataset.report.rowsKept} interactions, ${holdout.nUsers} users, ${holdout.nItems} items; ` +
    `split T = ${new Date(holdout.T * 1000).toISOString()}; eval users ${holdout.evalUsers.length}`,
    `control: ${c.label ?? c.type} (${result.assigned.control} users)   test: ${t.label ?? t.type} (${result.assigned.test} users)`,
    "",
  ];
  const rows: string[][] = [];
  for (const seg of SEGMENTS) {
    for (const m of result.comparison.metrics.filter((x) => x.segment === seg)) {
      rows.push([seg, m.metric, String(m.nControl), num(m.control), num(m.test), num(m.delta), pct(m.lift)]);
    }
  }
  lines.push(textTable(["segment", "metric", "users", "control", "test", "Δ", "lift"], rows));
  for (const name of ["control", "test"] as const) {
    const v = arms[name].served.violations;
    const bad = v.seen + v.duplicate + v.notInCatalog + v.outOfRange;
    if (bad || arms[name].served.failedUsers) {
      lines.push(`warning: ${name} returned ${bad} invalid items (removed): ${JSON.stringify(v)}; failed users ${arms[name].served.failedUsers}`);
    }
  }
  lines.push("", `outputs: ${outDir}/`);
  return lines.join("\n");
}
