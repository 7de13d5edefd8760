/**
 * One instrumented abreplay run for bench/pipeline_bench.ts: popular vs
 * item2item, paired, k = 10, B = 2000, on a Parquet file; prints one JSON
 * line with seconds and peak RSS (VmHWM) after each stage, and the popular
 * arm's overall metric means.
 *
 * @module
 */
import { resolveScenario } from "../src/scenario/mod.ts";
import { type Progress, reportInput, runScenario } from "../src/pipeline/mod.ts";
import { renderReport } from "../src/report/mod.ts";
import { applyGate } from "../src/gate/mod.ts";

const peakMiB = () => {
  const m = /VmHWM:\s+(\d+) kB/.exec(Deno.readTextFileSync("/proc/self/status"));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
};

const stages: Record<string, { s: number; peakMiB: number }> = {};
let start = performance.now();
const progress: Progress = {
  start() {
    start = performance.now();
  },
  tick() {},
  end(stage) {
    stages[stage] = { s: Math.round(performance.now() - start) / 1000, peakMiB: peakMiB() };
  },
  note() {},
};

const s = resolveScenario(
  {
    name: "bench",
    // No cleaned-data cache: every stage runs, as in the peer. (`--cached` measures a cache hit.)
    data: { path: Deno.args[0], cache: Deno.args.includes("--cached") },
    split: { holdoutFraction: 0.2 },
    eval: { k: 10, exampleUsers: 5 },
    control: { type: "popular" },
    test: { type: "item2item" },
    stats: { B: 2000 },
  },
  `${Deno.cwd()}/bench.json`,
  { checkFiles: true },
);
const t0 = performance.now();
const r = await runScenario(s, progress);
start = performance.now();
await renderReport(await reportInput(r, applyGate(r.comparison, s.gate, s.stats)));
progress.end("report", 0);
const total = Math.round(performance.now() - t0) / 1000;
const pop = r.arms.control.evaluation.segments.overall.mean;
console.log(JSON.stringify({
  stages,
  totalS: total,
  peakMiB: peakMiB(),
  evalUsers: r.holdout.evalUsers.length,
  popular: Object.fromEntries(
    ["NDCG", "Recall", "Precision", "HitRate", "MRR"].map((m) => [`${m}@10`, pop[`${m}@10`]]),
  ),
  item2item: Object.fromEntries(
    ["NDCG", "Recall"].map((
      m,
    ) => [`${m}@10`, r.arms.test.evaluation.segments.overall.mean[`${m}@10`]]),
  ),
}));
