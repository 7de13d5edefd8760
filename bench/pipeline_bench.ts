/**
 * End-to-end benchmark against the strong Python peer
 * (`shared/bench/peer_pipeline.py`: pandas + NumPy + SciPy, PROTOCOL v1):
 * popular vs item2item (neighbours 50, historyLength 20 — the peer's sizes),
 * paired, k = 10, B = 2000, no cleaned-data cache, outputs written. Each
 * program runs as a whole process, alternating (abreplay, peer, abreplay,
 * peer, …) on the same file; wall time and peak RSS are measured from outside
 * (bench/_process.ts), stage times come from abreplay's manifest.json and the
 * peer's JSON, load and item2item sub-stages from `ABREPLAY_TRACE=1`. Prints
 * a stage table per input, the ratio of median wall times, the load average
 * before each run, and checks that popular's metrics equal the peer's.
 *
 * abreplay runs twice per alternation: with every metric (39 rows with BCa
 * intervals and half-sampled list statistics, the headline), and like for
 * like, with `eval.metrics` set to the peer's metrics (NDCG, Recall,
 * Coverage; the peer bootstraps one of them). `--no-like` skips the second.
 *
 *   deno task bench                                  # bootstrap bench + 1/8 YA scale
 *   deno run -A bench/pipeline_bench.ts --file /work/cache/ya_35M.parquet --runs 2
 *   deno run -A bench/pipeline_bench.ts --size 1/8,1/4,1/2,1
 *   deno run -A bench/pipeline_bench.ts --size goodreads --no-peer
 *   deno run -A bench/pipeline_bench.ts --file x.parquet --formats parquet,csv,json.gz
 *
 * Options: `--file a,b` (Parquet files) or `--size s,…` (generated into
 * data/cache/bench/ with the shared generator: 1/8, 1/4, 1/2, 1 of the YA
 * shape, or `goodreads`); `--runs N` alternations (default 1); `--formats`
 * also times abreplay alone on CSV / UCSD json.gz copies of each file;
 * `--no-peer`; `--peer DIR` (default: `shared/bench` above the repository);
 * `--json FILE` appends one JSON line per input.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { BENCH_CACHE, converted, generated, peerDir, ROOT } from "./_sources.ts";
import { measure, type Measured } from "./_process.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    file: { type: "string" },
    size: { type: "string" },
    runs: { type: "string", default: "1" },
    formats: { type: "string", default: "parquet" },
    "no-peer": { type: "boolean", default: false },
    "no-like": { type: "boolean", default: false },
    peer: { type: "string" },
    json: { type: "string" },
  },
});
const runs = Number(values.runs);
const formats = values.formats!.split(",") as ("parquet" | "csv" | "json.gz")[];
const peer = peerDir(values.peer);

/** One measured abreplay run. */
interface OursRun {
  m: Measured;
  stages: Record<string, number>;
  trace: Record<string, number>;
  popular: Record<string, number>;
}
/** One measured peer run. */
interface PeerRun {
  m: Measured;
  stages: Record<string, number>;
  popular: Record<string, number>;
}

/** Stage rows: label, abreplay stages summed, peer stages summed. */
const ROWS: [string, string[], string[]][] = [
  ["load + clean", ["load"], ["load", "clean"]],
  ["split + eval users", ["split"], ["split", "targets"]],
  ["popular (fit + lists)", ["fit control", "replay control"], ["popular"]],
  ["item2item fit", ["fit test"], ["cf_fit"]],
  ["item2item lists", ["replay test"], ["cf_recs"]],
  ["metrics", ["metrics control", "metrics test"], ["metrics"]],
  ["statistics (bootstrap)", ["statistics"], ["bootstrap"]],
];
const METRICS = ["NDCG@10", "Recall@10", "Coverage@10"];

/** The peer's metric families (of `METRICS`): `eval.metrics` of the like-for-like run. */
const PEER_METRICS = METRICS.map((m) => m.replace(/@\d+$/, ""));

async function runOurs(file: string, tag: string, only?: string[]): Promise<OursRun> {
  await Deno.mkdir(BENCH_CACHE, { recursive: true });
  const scenario = join(BENCH_CACHE, `scenario-${tag}.json`);
  const out = join(BENCH_CACHE, `out-${tag}`);
  await Deno.writeTextFile(
    scenario,
    JSON.stringify({
      name: `bench-${tag}`,
      data: { path: file, cache: false },
      split: { holdoutFraction: 0.2 },
      eval: { k: 10, ...(only ? { metrics: only } : {}) },
      control: { type: "popular" },
      test: { type: "item2item", params: { neighbours: 50, historyLength: 20 } },
      mode: { type: "paired" },
      stats: { B: 2000, seed: 7 },
    }),
  );
  const m = await measure(
    Deno.execPath(),
    ["run", "-A", "src/cli/main.ts", "run", scenario, "--out", out, "--quiet"],
    { cwd: ROOT, env: { ABREPLAY_TRACE: "1" } },
  );
  if (!m.ok) throw new Error(`abreplay failed (${m.code}):\n${m.stderr.slice(-3000)}`);
  const manifest = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
  const metrics = JSON.parse(await Deno.readTextFile(join(out, "metrics.json")));
  const stages: Record<string, number> = {};
  for (const [k, v] of Object.entries(manifest.timingsMs as Record<string, number>)) {
    stages[k] = v / 1000;
  }
  const trace: Record<string, number> = {};
  for (const [, label, s] of m.stderr.matchAll(/^\[trace\] (.+?): ([\d.]+) s/gm)) {
    trace[label] = (trace[label] ?? 0) + Number(s);
  }
  const pop = metrics.arms.control.segments.overall.metrics;
  return { m, stages, trace, popular: Object.fromEntries(METRICS.map((k) => [k, pop[k]])) };
}

async function runPeer(file: string): Promise<PeerRun> {
  const m = await measure("python3", [join(peer, "peer_pipeline.py"), file], { cwd: ROOT });
  if (!m.ok) throw new Error(`peer failed (${m.code}):\n${m.stderr.slice(-3000)}`);
  const r = JSON.parse(m.stdout);
  const stages: Record<string, number> = {};
  for (const s of r.stages) stages[s.stage] = s.seconds;
  return {
    m,
    stages,
    popular: {
      "NDCG@10": r.popular["ndcg@10"],
      "Recall@10": r.popular["recall@10"],
      "Coverage@10": r.popular["coverage@10"],
    },
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (
  x: number | undefined,
  d = 1,
) => (x === undefined || Number.isNaN(x) ? "" : x.toFixed(d));
const sum = (st: Record<string, number>, keys: string[]) =>
  keys.reduce((a, k) => a + (st[k] ?? 0), 0);

function printTable(all: OursRun[], like: OursRun[], peers: PeerRun[]): void {
  const ours = [...all, ...like];
  const cols = [
    ...all.map((_, k) => `abreplay ${k + 1}`),
    ...like.map((_, k) => `like ${k + 1}`),
    ...peers.map((_, k) => `peer ${k + 1}`),
  ];
  const w = 24;
  const line = (label: string, cells: string[]) =>
    console.log(label.padEnd(w) + cells.map((c) => c.padStart(11)).join(""));
  line("stage (s)", cols);
  for (const [label, a, b] of ROWS) {
    line(label, [
      ...ours.map((r) => f(sum(r.stages, a))),
      ...peers.map((r) => f(sum(r.stages, b))),
    ]);
  }
  const staged = (st: Record<string, number>, keys: string[][]) => sum(st, keys.flat());
  line("other (start, outputs)", [
    ...ours.map((r) => f(r.m.wallS - staged(r.stages, ROWS.map((x) => x[1])))),
    ...peers.map((r) => f(r.m.wallS - staged(r.stages, ROWS.map((x) => x[2])))),
  ]);
  line("total (process wall)", [...ours, ...peers].map((r) => f(r.m.wallS)));
  line("peak RSS (GiB)", [...ours, ...peers].map((r) => f(r.m.peakMiB / 1024, 2)));
  line("load average before", [...ours, ...peers].map((r) => f(r.m.loadBefore, 2)));
}

function printTrace(ours: OursRun[]): void {
  const labels = Object.keys(ours[0].trace);
  const groups = [["load", /^(load|sort):/], ["item2item fit", /^item2item:/]] as const;
  for (const [name, re] of groups) {
    const parts = labels.filter((l) => re.test(l) && !/: start$/.test(l));
    if (!parts.length) continue;
    console.log(
      `  ${name} sub-stages (s, run 1${ours.length > 1 ? `..${ours.length}` : ""}): ` +
        parts.map((l) =>
          `${l.replace(re, "").trim()} ${ours.map((r) => f(r.trace[l], 2)).join("/")}`
        )
          .join(", "),
    );
  }
}

const inputs: { label: string; file: string }[] = [];
for (const file of values.file?.split(",") ?? []) inputs.push({ label: file, file });
for (const size of values.size?.split(",") ?? (values.file ? [] : ["1/8"])) {
  inputs.push({ label: `size ${size}`, file: await generated(size, peer) });
}

for (const { label, file } of inputs) {
  console.log(`\n== ${label}: ${file}`);
  const ours: OursRun[] = [];
  const like: OursRun[] = [];
  const peers: PeerRun[] = [];
  for (let k = 0; k < runs; k++) {
    ours.push(await runOurs(file, `parquet-${k}`));
    console.error(`abreplay run ${k + 1}: ${f(ours[k].m.wallS)} s`);
    if (!values["no-like"]) {
      like.push(await runOurs(file, `parquet-like-${k}`, PEER_METRICS));
      console.error(`abreplay like-for-like run ${k + 1}: ${f(like[k].m.wallS)} s`);
    }
    if (!values["no-peer"]) {
      peers.push(await runPeer(file));
      console.error(`peer run ${k + 1}: ${f(peers[k].m.wallS)} s`);
    }
  }
  printTable(ours, like, peers);
  printTrace(ours);
  const a = median(ours.map((r) => r.m.wallS));
  const result: Record<string, unknown> = {
    label,
    file,
    abreplay: ours.map((r) => ({
      wallS: r.m.wallS,
      peakMiB: r.m.peakMiB,
      load: r.m.loadBefore,
      stages: r.stages,
      trace: r.trace,
    })),
    popular: ours[0].popular,
  };
  if (like.length) {
    result.likeForLike = like.map((r) => ({
      wallS: r.m.wallS,
      peakMiB: r.m.peakMiB,
      load: r.m.loadBefore,
      stages: r.stages,
    }));
  }
  if (peers.length) {
    const p = median(peers.map((r) => r.m.wallS));
    console.log(`ratio (peer median / abreplay median wall): ${(p / a).toFixed(2)}×`);
    if (like.length) {
      const l = median(like.map((r) => r.m.wallS));
      const equal = METRICS.every((k) => like[0].popular[k] === ours[0].popular[k]);
      console.log(
        `ratio like for like (the peer's metrics): ${(p / l).toFixed(2)}×; popular metrics ${
          equal ? "equal" : "DIFFER"
        } to the full run's`,
      );
      result.ratioLikeForLike = p / l;
    }
    const same = METRICS.every((k) => Math.abs(ours[0].popular[k] - peers[0].popular[k]) < 1e-12);
    console.log(
      `popular metrics identical to the peer's: ${same ? "yes" : "NO"} (` +
        METRICS.map((k) =>
          `${k} ${ours[0].popular[k].toFixed(6)} vs ${peers[0].popular[k].toFixed(6)}`
        )
          .join(", ") +
        ")",
    );
    result.peer = peers.map((r) => ({ wallS: r.m.wallS, peakMiB: r.m.peakMiB, stages: r.stages }));
    result.ratio = p / a;
    result.popularIdentical = same;
  }
  for (const format of formats.filter((x) => x !== "parquet")) {
    const copy = await converted(file, format);
    const r = await runOurs(copy, format.replace(".", "_"));
    console.log(
      `ingest from ${format} (${f((await Deno.stat(copy)).size / 2 ** 30, 2)} GiB): load ${
        f(r.stages.load)
      } s, total ${f(r.m.wallS)} s, peak RSS ${f(r.m.peakMiB / 1024, 2)} GiB, load average ${
        f(r.m.loadBefore, 2)
      }; popular metrics ${
        METRICS.every((k) => r.popular[k] === ours[0].popular[k]) ? "equal" : "DIFFER"
      }`,
    );
    printTrace([r]);
    result[format] = { wallS: r.m.wallS, peakMiB: r.m.peakMiB, stages: r.stages, trace: r.trace };
  }
  if (values.json) {
    await Deno.writeTextFile(values.json, JSON.stringify(result) + "\n", { append: true });
  }
}
