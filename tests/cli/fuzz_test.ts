/**
 * Fuzzing the CLI with broken inputs (issue 13, Build 5): 200 mutated data
 * files and 200 mutated scenarios (truncations, byte flips, NUL bytes, wrong
 * encodings, odd line endings, huge lines, broken headers and values, corrupt
 * compression), each run through `abreplay run`. Whatever the input: never
 * exit 4, never a stack trace, and on exit 2 nothing written (no output
 * folder, no cache entry, no temporary). Most cases call the CLI's `main()` in
 * one of two long-lived processes (fast, side by side); one in 25 runs as a
 * fresh process. Mutations come from a seeded generator: the same cases every
 * time.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import { Rng } from "../../src/rng/mod.ts";
import { Engine, sqlString } from "../../src/engine/mod.ts";
import {
  type CliResult,
  CliWorker,
  exists,
  FIXTURE,
  fixtureJsonLines,
  listTree,
  runCli,
  STACK_LINE,
  tempsUnder,
} from "./_helpers.ts";

const DATA_CASES = 200;
const SCENARIO_CASES = 200;
/** Every how many cases one runs as a fresh process (the others run in long-lived workers). */
const PROCESS_EVERY = 25;
/** Long-lived CLI processes running the cases side by side. */
const WORKERS = 2;

const enc = new TextEncoder();
const CSV = Deno.readTextFileSync(FIXTURE);
const JSONL = fixtureJsonLines();

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const s = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(s).arrayBuffer());
}

async function parquetOf(csvPath: string, out: string): Promise<Uint8Array> {
  const db = await Engine.open();
  try {
    await db.run(
      `COPY (SELECT * FROM read_csv(${sqlString(csvPath)}, header=true, all_varchar=true))
      TO ${sqlString(out)} (FORMAT parquet)`,
    );
  } finally {
    db.close();
  }
  return await Deno.readFile(out);
}

type Mutation = (b: Uint8Array, rng: Rng) => Uint8Array;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)];
const int = (rng: Rng, n: number) => Math.floor(rng.next() * n);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const lines = (b: Uint8Array) => text(b).split("\n");

const BYTE_MUTATIONS: Record<string, Mutation> = {
  truncate: (b, rng) => b.slice(0, int(rng, b.length)),
  flip: (b, rng) => {
    const c = b.slice();
    for (let k = 1 + int(rng, 6); k > 0 && c.length; k--) {
      c[int(rng, c.length)] ^= 1 + int(rng, 255);
    }
    return c;
  },
  nul: (b, rng) => {
    const at = int(rng, b.length + 1);
    return new Uint8Array([
      ...b.subarray(0, at),
      ...new Uint8Array(1 + int(rng, 4)),
      ...b.subarray(at),
    ]);
  },
};

const TEXT_MUTATIONS: Record<string, Mutation> = {
  ...BYTE_MUTATIONS,
  lineEndings: (b, rng) =>
    enc.encode(text(b).replaceAll("\n", pick(rng, ["\r\n", "\r", "\r\r\n", "\n\r", "\n\n"]))),
  utf16: (b, rng) => {
    const s = (rng.next() < 0.5 ? "\ufeff" : "") + text(b);
    const le = rng.next() < 0.5;
    const out = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) {
      out[2 * i + (le ? 0 : 1)] = s.charCodeAt(i) & 255;
      out[2 * i + (le ? 1 : 0)] = s.charCodeAt(i) >> 8;
    }
    return out;
  },
  latin1: (b) => new Uint8Array([...b].flatMap((x) => (x === 0x75 ? [0xfc] : [x]))), // "u" → "ü" in Latin-1
  bom: (b) => new Uint8Array([0xef, 0xbb, 0xbf, ...b]),
  hugeLine: (b, rng) => {
    const l = lines(b);
    l.splice(
      1 + int(rng, l.length - 1),
      0,
      "u1," + "x".repeat(2_200_000 + int(rng, 1_000_000)) + ",2019-01-01,0,true",
    );
    return enc.encode(l.join("\n"));
  },
  dropLine: (b, rng) => {
    const l = lines(b);
    l.splice(int(rng, l.length), 1);
    return enc.encode(l.join("\n"));
  },
  garbageLine: (b, rng) => {
    const l = lines(b);
    const junk = Array.from(
      { length: 1 + int(rng, 40) },
      () => String.fromCharCode(1 + int(rng, 126)),
    ).join("");
    l.splice(int(rng, l.length + 1), 0, junk);
    return enc.encode(l.join("\n"));
  },
  field: (b, rng) => {
    const l = lines(b);
    const r = int(rng, l.length);
    const v = pick(rng, [
      "",
      "NaN",
      "-1e309",
      "1e309",
      '"',
      '"unterminated',
      "null",
      "x".repeat(5000),
      "2019-13-45",
      "-5",
      "99",
    ]);
    l[r] = l[r].replace(pick(rng, ["u1", "a", "2019", "true", "0", "1", ","]), v);
    return enc.encode(l.join("\n"));
  },
  header: (b, rng) => {
    const l = lines(b);
    l[0] = pick(rng, [
      "user_id,item_id,timestamp",
      "user,item_id,timestamp,rating,is_read",
      "item_id,user_id,timestamp,rating,is_read",
      "user_id,item_id,timestamp,rating,is_read,extra",
      "user_id,user_id,timestamp,rating,is_read",
      "",
      '"user_id,item_id',
    ]);
    return enc.encode(l.join("\n"));
  },
  empty: (_b, rng) =>
    enc.encode(pick(rng, ["", "\n", "   \n\n", "user_id,item_id,timestamp,rating,is_read\n"])),
};

interface DataCase {
  file: string;
  bytes: Uint8Array;
  badRows: string;
  what: string;
}

async function dataCase(rng: Rng, parquet: Uint8Array): Promise<DataCase> {
  const base = pick(rng, ["csv", "json", "json.gz", "csv.gz", "parquet"] as const);
  const badRows = rng.next() < 0.5 ? "skip" : "error";
  const what: string[] = [base];
  if (base === "parquet") {
    const m = pick(rng, Object.keys(BYTE_MUTATIONS));
    what.push(m);
    return {
      file: "data.parquet",
      bytes: BYTE_MUTATIONS[m](parquet, rng),
      badRows,
      what: what.join(" "),
    };
  }
  let bytes: Uint8Array = enc.encode(base.startsWith("csv") ? CSV : JSONL);
  const names = Object.keys(TEXT_MUTATIONS).filter((n) => n !== "hugeLine" || rng.next() < 0.15);
  for (let k = 1 + int(rng, 2); k > 0; k--) {
    const m = pick(rng, names);
    what.push(m);
    bytes = TEXT_MUTATIONS[m](bytes, rng);
  }
  if (base.endsWith(".gz")) {
    bytes = await gzip(bytes);
    if (rng.next() < 0.4) {
      const m = pick(rng, Object.keys(BYTE_MUTATIONS));
      what.push(`gz-${m}`);
      bytes = BYTE_MUTATIONS[m](bytes, rng);
    }
  }
  return { file: `data.${base}`, bytes, badRows, what: what.join(" ") };
}

// ---- scenarios ------------------------------------------------------------------------------

const BASE_SCENARIO = {
  name: "fuzz",
  description: "a scenario to break",
  seed: 3,
  data: { path: FIXTURE, format: "csv", badRows: "error", cache: true },
  split: { holdoutFraction: 0.2, kCore: 0 },
  eval: { k: 10, relevance: "any", coldThreshold: 5, exampleUsers: 2 },
  control: { type: "random", label: "r" },
  test: { type: "popular", params: {} },
  mode: { type: "paired" },
  stats: { B: 100, seed: 7, alpha: 0.05, power: 0.8, targetMde: 0.05, srmAlpha: 0.001 },
  gate: { primary: { metric: "NDCG@10", minLift: 0.01 }, guardrails: [] },
};

const VALUES: unknown[] = [
  null,
  true,
  false,
  -1,
  0,
  0.5,
  1,
  2,
  7,
  1e9,
  -1e9,
  1e-300,
  "",
  "x",
  "NaN",
  "2020-01-01",
  "2999-01-01",
  "popular",
  "ab",
  "paired",
  "item2item",
  "../nope.csv",
  [],
  {},
  [0.5, 0.5],
  [1, 2, 3],
  { a: 1 },
  "NDCG@10",
  "Recall@5",
  "x".repeat(10_000),
];

function paths(v: unknown, prefix: string[] = []): string[][] {
  if (!v || typeof v !== "object") return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setPath(o: Record<string, unknown>, path: string[], value: unknown, remove = false) {
  let cur = o as Record<string, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  if (remove) delete cur[path[path.length - 1]];
  else cur[path[path.length - 1]] = value;
}

function scenarioCase(rng: Rng): { file: string; bytes: Uint8Array; what: string } {
  const s = structuredClone(BASE_SCENARIO) as Record<string, unknown>;
  const what: string[] = [];
  const all = paths(s);
  for (let k = rng.next() < 0.7 ? 1 : 2; k > 0; k--) {
    const p = pick(rng, all);
    const op = pick(rng, ["set", "set", "tweak", "tweak", "remove", "rename", "add"]);
    what.push(`${op} ${p.join(".")}`);
    try {
      if (op === "set") setPath(s, p, structuredClone(pick(rng, VALUES)));
      else if (op === "tweak") {
        const v = p.reduce((o: any, k) => o?.[k], s);
        if (typeof v === "number") {
          setPath(s, p, pick(rng, [v / 2, v * 2, v + 1, Math.max(0, v - 1)]));
        }
        if (typeof v === "boolean") setPath(s, p, !v);
        if (typeof v === "string") setPath(s, p, pick(rng, [v.toUpperCase(), v + " ", " " + v, v]));
      } else if (op === "remove") setPath(s, p, undefined, true);
      else if (op === "add") setPath(s, [...p.slice(0, -1), "extraKey"], pick(rng, VALUES));
      else {
        const parent = p.slice(0, -1).reduce((o: any, k) => o?.[k], s);
        if (parent && typeof parent === "object") {
          const last = p[p.length - 1];
          parent[last.slice(0, -1) || "x"] = parent[last];
          delete parent[last];
        }
      }
    } catch {
      // the path went away with an earlier mutation
    }
  }
  const yaml = rng.next() < 0.15;
  let bytes: Uint8Array = enc.encode(yaml ? toYaml(s) : JSON.stringify(s, null, 2));
  if (rng.next() < 0.2) {
    const names = [
      "truncate",
      "flip",
      "nul",
      "lineEndings",
      "utf16",
      "bom",
      "dropLine",
      "garbageLine",
    ];
    const m = pick(rng, names);
    what.push(m);
    bytes = TEXT_MUTATIONS[m](bytes, rng);
  }
  return { file: yaml ? "s.yaml" : "s.json", bytes, what: (yaml ? "yaml " : "") + what.join(", ") };
}

function toYaml(v: unknown, indent = ""): string {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    return Object.entries(v).map(([k, x]) =>
      x && typeof x === "object" && !Array.isArray(x) && Object.keys(x).length
        ? `${indent}${k}:\n${toYaml(x, indent + "  ")}`
        : `${indent}${k}: ${JSON.stringify(x)}\n`
    ).join("");
  }
  return `${indent}${JSON.stringify(v)}\n`;
}

// ---- the check ------------------------------------------------------------------------------

function check(
  r: CliResult,
  what: string,
  dir: string,
  out: string,
  cache: string,
  before: string[],
) {
  const all = r.stdout + r.stderr;
  assert(r.code === 0 || r.code === 2, `[${what}] exit ${r.code}:\n${all.slice(0, 3000)}`);
  assert(!STACK_LINE.test(all), `[${what}] stack trace:\n${all.slice(0, 3000)}`);
  assert(!/internal error/.test(all), `[${what}] ${all.slice(0, 3000)}`);
  if (r.code === 2) {
    assert(!exists(out), `[${what}] exit 2 wrote ${out}`);
    assertEquals(listTree(cache), before, `[${what}] exit 2 changed the cache`);
    assert(r.stderr.trim().length > 0, `[${what}] exit 2 says why`);
  } else assert(exists(join(out, "metrics.json")), `[${what}] exit 0 wrote the outputs`);
  assertEquals(tempsUnder(dir), [], `[${what}] temporaries left`);
}

/** One prepared case: its folder, the command line, and what was mutated. */
interface Prepared {
  dir: string;
  args: string[];
  what: string;
}

/**
 * Runs the cases on `WORKERS` long-lived CLI processes (each with its own cache, so that
 * "the cache did not change" is exact), every `PROCESS_EVERY`th as a fresh process, and
 * checks each; returns how many exited 0 and 2.
 */
async function runCases(root: string, cases: Prepared[]): Promise<number[]> {
  const codes = [0, 0, 0];
  const lanes = Array.from({ length: WORKERS }, (_, w) => w);
  await Promise.all(lanes.map(async (w) => {
    const worker = new CliWorker();
    const env = { ABREPLAY_CACHE_DIR: join(root, `cache${w}`) };
    try {
      for (let c = w; c < cases.length; c += WORKERS) {
        const { dir, args, what } = cases[c];
        const before = listTree(env.ABREPLAY_CACHE_DIR);
        const r = c % PROCESS_EVERY === 0
          ? await runCli(args, { env })
          : await worker.run(args, env);
        check(r, `case ${c}: ${what}`, dir, join(dir, "out"), env.ABREPLAY_CACHE_DIR, before);
        codes[r.code]++;
      }
    } finally {
      await worker.close();
    }
  }));
  return codes;
}

Deno.test(`fuzz: ${DATA_CASES} mutated data files`, async () => {
  const root = await Deno.makeTempDir({ prefix: "abreplay-fuzz-data-" });
  const parquet = await parquetOf(FIXTURE, join(root, "base.parquet"));
  const rng = new Rng(1301);
  const cases: Prepared[] = [];
  for (let c = 0; c < DATA_CASES; c++) {
    const d = await dataCase(rng, parquet);
    const dir = join(root, `case${c}`);
    await Deno.mkdir(dir);
    await Deno.writeFile(join(dir, d.file), d.bytes);
    const scenario = join(dir, "s.json");
    await Deno.writeTextFile(
      scenario,
      JSON.stringify({
        name: "fuzz",
        data: { path: d.file, badRows: d.badRows },
        split: { holdoutFraction: 0.2 },
        control: { type: "random" },
        test: { type: "popular" },
        stats: { B: 100 },
      }),
    );
    const args = ["run", scenario, "--out", join(dir, "out"), "--quiet"];
    cases.push({ dir, args, what: `${d.what}, badRows ${d.badRows}` });
  }
  const codes = await runCases(root, cases);
  console.log(`data cases: ${codes[0]} exit 0, ${codes[2]} exit 2`);
  assert(codes[0] > 10 && codes[2] > 10, "the mutations reach both outcomes");
  await Deno.remove(root, { recursive: true });
});

Deno.test(`fuzz: ${SCENARIO_CASES} mutated scenarios`, async () => {
  const root = await Deno.makeTempDir({ prefix: "abreplay-fuzz-scenario-" });
  const rng = new Rng(1302);
  const cases: Prepared[] = [];
  for (let c = 0; c < SCENARIO_CASES; c++) {
    const s = scenarioCase(rng);
    const dir = join(root, `case${c}`);
    await Deno.mkdir(dir);
    await Deno.writeFile(join(dir, s.file), s.bytes);
    const args = ["run", join(dir, s.file), "--out", join(dir, "out"), "--quiet"];
    cases.push({ dir, args, what: s.what });
  }
  const codes = await runCases(root, cases);
  console.log(`scenario cases: ${codes[0]} exit 0, ${codes[2]} exit 2`);
  assert(codes[0] > 10 && codes[2] > 10, "the mutations reach both outcomes");
  await Deno.remove(root, { recursive: true });
});
