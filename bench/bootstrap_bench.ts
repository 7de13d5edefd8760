/**
 * Bootstrap benchmark: 170,000 users × 6 metrics × 2,000 resamples, seeded
 * synthetic data (zero-inflated, like ranking metrics), in both replay modes:
 * - paired: every user in both arms (12 resampled columns: 6 deltas + 6 control values);
 * - unpaired: users split 50/50 by GrowthBook hash v2 (85k + 85k, 6 columns per arm).
 * Prints wall times, then runs `bench/bootstrap_bench.py` (the same resampling in
 * NumPy, on the same data) and prints the ratio. Not a test: timings vary by machine.
 *
 * Run: `deno run -A bench/bootstrap_bench.ts [users] [resamples]`
 *
 * @module
 */
import process from "node:process";
import { assignArms, pairedBootstrap, unpairedBootstrap } from "../src/stats/mod.ts";
import { Rng } from "../src/rng/mod.ts";

const USERS = Number(Deno.args[0] ?? 170_000);
const METRICS = 6;
const RESAMPLES = Number(Deno.args[1] ?? 2_000);
const SEED = 20240601;

/** Zero-inflated per-user values: 0 with probability 0.6, else uniform(0, 1) + lift. */
function synth(rng: Rng, n: number, lift: number): Float64Array {
  return Float64Array.from({ length: n }, () => (rng.next() < 0.6 ? 0 : rng.next() + lift));
}

const dataRng = new Rng(SEED);
const control = Array.from({ length: METRICS }, () => synth(dataRng, USERS, 0));
const test = control.map((c) => c.map((v) => (v === 0 ? 0 : v + 0.01 * dataRng.next())));
const arms = assignArms(Array.from({ length: USERS }, (_, i) => `user-${i}`), "bench");
const pick = (cols: Float64Array[], arm: number) =>
  cols.map((c) => c.filter((_, i) => arms[i] === arm));
const armC = pick(control, 0), armT = pick(test, 1);

/** Wall and CPU seconds (CPU time is less disturbed by other processes on a shared machine). */
interface Timing {
  wall: number;
  cpu: number;
}

const fmt = (label: string, t: Timing) =>
  console.log(`${label.padEnd(46)} wall ${t.wall.toFixed(2)} s, cpu ${t.cpu.toFixed(2)} s`);

function time<T>(label: string, fn: () => T): [T, Timing] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const c = process.cpuUsage(c0);
  const t = { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
  fmt(label, t);
  return [out, t];
}

console.log(
  `bootstrap: ${USERS} users × ${METRICS} metrics × ${RESAMPLES} resamples (deno ${Deno.version.deno})`,
);
const [paired, tsPaired] = time(
  "TypeScript paired (diff + lift, pct + BCa)",
  () => pairedBootstrap(control, test, new Rng(1), { resamples: RESAMPLES }),
);
const [unpaired, tsUnpaired] = time(
  `TypeScript unpaired (${armC[0].length} + ${armT[0].length} users)`,
  () => unpairedBootstrap(armC, armT, new Rng(1), { resamples: RESAMPLES }),
);
const show = (r: typeof paired) =>
  r[0].diff.bca[0].toExponential(3) + " .. " + r[0].diff.bca[1].toExponential(3);
console.log(
  `  metric 0 BCa CI of the difference: paired ${show(paired)}, unpaired ${show(unpaired)}`,
);

// Same data for the NumPy peer: raw little-endian float64 files.
const dir = await Deno.makeTempDir({ prefix: "abreplay-bench-" });
const write = (name: string, cols: Float64Array[]) => {
  const all = new Float64Array(cols.length * cols[0].length);
  cols.forEach((c, k) => all.set(c, k * c.length));
  Deno.writeFileSync(`${dir}/${name}.f64`, new Uint8Array(all.buffer));
};
write("control", control);
write("test", test);
write("armC", armC);
write("armT", armT);

// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on this workplace for old OpenBLAS builds;
// they slow a current NumPy, so they are unset for this one command (never in tests or CI).
// One BLAS thread: the TypeScript side is single-threaded too.
const env: Record<string, string> = { ...Deno.env.toObject(), OPENBLAS_NUM_THREADS: "1" };
delete env.OPENBLAS_CORETYPE;
delete env.OPENBLAS_L2_SIZE;
const script = new URL("./bootstrap_bench.py", import.meta.url).pathname;
const out = await new Deno.Command("python3", {
  args: [script, dir, String(USERS), String(METRICS), String(RESAMPLES)],
  env,
  clearEnv: true,
  stderr: "inherit",
}).output();
await Deno.remove(dir, { recursive: true });
if (!out.success) {
  console.log("python3 bench/bootstrap_bench.py failed; no ratio");
  Deno.exit(1);
}
const py = JSON.parse(new TextDecoder().decode(out.stdout));
fmt(`NumPy ${py.numpy} paired`, py.paired);
fmt(`NumPy ${py.numpy} unpaired`, py.unpaired);
console.log(
  `  metric 0 BCa CI of the difference: paired ${py.pairedCi}, unpaired ${py.unpairedCi}`,
);
const ratio = (p: Timing, s: Timing) =>
  `wall ${(p.wall / s.wall).toFixed(2)}×, cpu ${(p.cpu / s.cpu).toFixed(2)}×`;
console.log(
  `NumPy time / TypeScript time: paired ${ratio(py.paired, tsPaired)}; unpaired ${
    ratio(py.unpaired, tsUnpaired)
  }`,
);
