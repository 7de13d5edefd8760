/**
 * Run outputs in `reports/<name>/`: `metrics.json` (deterministic: same
 * scenario + data ⇒ same bytes), `manifest.json` (PROTOCOL §7: resolved
 * scenario, hashes, versions, timings) and `summary.csv`.
 *
 * @module
 */
import { join } from "node:path";
import { hashJson } from "../data/fingerprint.ts";
import { SEGMENTS } from "../metrics/mod.ts";
import { ARMS, type RunResult } from "./run_scenario.ts";
import { checkOutputFolder, writeOutputFolder } from "../files/mod.ts";
import { Engine, writeParquet } from "../engine/mod.ts";
import { LIBRARIES, PROTOCOL_VERSION, VERSION } from "../version.ts";

const r = (x: number) => (Number.isFinite(x) ? x : null);

/** The scenario as resolved, without machine-specific absolute paths. */
export function portableScenario(result: RunResult): Record<string, unknown> {
  const { file: _file, ...s } = result.scenario;
  const strip = (p?: string) => (p ? p.split("/").pop() : p);
  return {
    ...s,
    data: {
      ...s.data,
      path: strip(s.data.path),
      books: s.data.books ? { ...s.data.books, path: strip(s.data.books.path) } : undefined,
    },
  };
}

/** The deterministic metrics document. */
export function metricsDocument(result: RunResult): Record<string, unknown> {
  const { holdout, dataset, scenario } = result;
  let coldItems = 0;
  for (let i = 0; i < holdout.nItems; i++) coldItems += holdout.cold[i] & holdout.catalog[i];
  const arms: Record<string, unknown> = {};
  for (const name of ARMS) {
    const a = result.arms[name];
    const segments: Record<string, unknown> = {};
    for (const seg of SEGMENTS) {
      const s = a.evaluation.segments[seg];
      segments[seg] = {
        users: s.rows.length,
        metrics: Object.fromEntries(Object.entries(s.mean).map(([k, v]) => [k, r(v)])),
      };
    }
    arms[name] = {
      type: a.recommender.type,
      params: a.recommender.params ?? a.spec.params,
      label: a.spec.label ?? a.recommender.type,
      assigned: result.assigned[name],
      served: a.served.users.length - a.served.failedUsers,
      failedUsers: a.served.failedUsers,
      violations: a.served.violations,
      segments,
    };
  }
  return {
    protocol: PROTOCOL_VERSION,
    name: scenario.name,
    scenarioHash: hashJson(portableScenario(result)),
    data: {
      fingerprint: dataset.fingerprint,
      report: { ...dataset.report, source: dataset.report.source.split("/").pop() },
    },
    split: {
      T: new Date(holdout.T * 1000).toISOString(),
      trainRows: holdout.train.user.length,
      testRows: holdout.test.user.length,
      kCoreDropped: holdout.kCoreDropped,
      users: holdout.nUsers,
      items: holdout.nItems,
      catalogSize: holdout.catalogSize,
      coldCatalogItems: coldItems,
      coldThreshold: holdout.coldThreshold,
      relevance: holdout.relevance,
      evalUsers: holdout.evalUsers.length,
    },
    mode: scenario.mode.type === "ab" ? scenario.mode : { type: "paired" },
    k: scenario.eval.k,
    excludedUsers: result.excluded,
    arms,
    comparison: {
      primary: result.comparison.primary,
      metrics: result.comparison.metrics.map((m) => ({
        ...m,
        control: r(m.control),
        test: r(m.test),
        delta: r(m.delta),
        lift: r(m.lift),
      })),
      srm: result.comparison.srm,
      power: result.comparison.power,
      errorRate: {
        control: result.comparison.health.control.errorRate,
        test: result.comparison.health.test.errorRate,
      },
    },
  };
}

/** The manifest (PROTOCOL §7): what ran, on what, with which versions, how long. */
export function manifestDocument(
  result: RunResult,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    protocol: PROTOCOL_VERSION,
    abreplay: VERSION,
    scenario: portableScenario(result),
    scenarioFile: result.scenario.file,
    scenarioHash: hashJson(portableScenario(result)),
    dataFingerprint: result.dataset.fingerprint,
    splitInstant: new Date(result.holdout.T * 1000).toISOString(),
    seeds: {
      scenario: result.scenario.seed,
      bootstrap: result.scenario.stats.seed,
      salt: result.scenario.mode.salt,
    },
    runtime: {
      deno: Deno.version.deno,
      v8: Deno.version.v8,
      typescript: Deno.version.typescript,
      os: Deno.build.os,
      arch: Deno.build.arch,
    },
    libraries: LIBRARIES,
    timingsMs: result.timings,
    latencyP95Ms: {
      control: result.comparison.health.control.latencyP95Ms,
      test: result.comparison.health.test.latencyP95Ms,
    },
    finishedAt: new Date().toISOString(),
    ...extra,
  };
}

/** `summary.csv`: one row per (segment, metric) with both arms and the difference. */
export function summaryCsv(result: RunResult): string {
  const head = "segment,metric,control,test,delta,lift,n_control,n_test";
  const rows = result.comparison.metrics.map((m) =>
    [m.segment, m.metric, m.control, m.test, m.delta, m.lift, m.nControl, m.nTest].map((v) =>
      typeof v === "number" && !Number.isFinite(v) ? "" : String(v)
    ).join(",")
  );
  return [head, ...rows].join("\n") + "\n";
}

/**
 * Per-user values for notebooks: one row per (arm, eval user) with `user_id`,
 * `arm` and every metric (NULL where the user is not in the metric's segment).
 */
export function perUserColumns(result: RunResult): Record<string, number[] | string[]> {
  const cols: Record<string, number[] | string[]> = {
    user_id: [] as string[],
    arm: [] as string[],
  };
  const metricNames = SEGMENTS.flatMap((g) =>
    Object.keys(result.arms.control.evaluation.segments[g].perUser)
  );
  for (const m of metricNames) cols[m] = [];
  for (const name of ARMS) {
    const a = result.arms[name];
    const base = (cols.user_id as string[]).length;
    a.rows.forEach((row) => {
      (cols.user_id as string[]).push(result.dataset.userIds[result.holdout.evalUsers[row]]);
      (cols.arm as string[]).push(name);
      for (const m of metricNames) (cols[m] as number[]).push(NaN);
    });
    for (const g of SEGMENTS) {
      const seg = a.evaluation.segments[g];
      for (const [m, values] of Object.entries(seg.perUser)) {
        const col = cols[m] as number[];
        seg.rows.forEach((j, q) => (col[base + j] = values[q]));
      }
    }
  }
  return cols;
}

/** Extra files to write with a run (e.g. report.html), name → content. */
export type ExtraFiles = Record<string, string | Uint8Array>;

/** Options of {@linkcode writeRunOutputs}. */
export interface WriteOptions {
  /** Write into a folder that holds files abreplay did not create (never over them). @default false */
  force?: boolean;
  /** Called when another process is writing the folder. */
  onWait?: (pid: number | null) => void;
}

/**
 * abreplay's files in a run folder written before folders had a marker: the
 * `files` that its `manifest.json` (with abreplay's protocol) lists, and the
 * manifest itself; null for any other folder.
 */
export async function legacyRunFolder(dir: string): Promise<string[] | null> {
  const m = JSON.parse(await Deno.readTextFile(join(dir, "manifest.json")));
  const ours = typeof m?.protocol === "string" && m.protocol.startsWith("abreplay-protocol") &&
    Array.isArray(m.files);
  return ours ? [...m.files, "manifest.json"] : null;
}

/** The files a run writes (the CLI's `run` and `gate`). */
export const RUN_FILES: readonly string[] = [
  "manifest.json",
  "metrics.json",
  "per_user.parquet",
  "report.html",
  "report.json",
  "summary.csv",
  "verdict.json",
  "verdict.md",
];

/** Checks, before a run, that its outputs may and can be written to `dir` (see `src/files/output_folder.ts`). */
export function checkRunOutputs(dir: string, options: WriteOptions = {}): Promise<void> {
  return checkOutputFolder(dir, {
    kind: "run",
    legacy: legacyRunFolder,
    expected: [...RUN_FILES],
    ...options,
  });
}

/**
 * Writes every output of a run into `dir`, all or nothing, by the output-folder
 * rule of `src/files/output_folder.ts` (a new, empty or abreplay's folder; never over files it
 * did not create).
 */
export async function writeRunOutputs(
  result: RunResult,
  dir: string,
  extra: ExtraFiles = {},
  options: WriteOptions = {},
): Promise<string[]> {
  const files: Record<string, string | Uint8Array> = {
    "metrics.json": JSON.stringify(metricsDocument(result), null, 2) + "\n",
    "summary.csv": summaryCsv(result),
    ...extra,
  };
  files["manifest.json"] = JSON.stringify(
    manifestDocument(result, { files: [...Object.keys(files), "per_user.parquet"].sort() }),
    null,
    2,
  ) + "\n";
  return await writeOutputFolder(dir, async (tmp) => {
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === "string") await Deno.writeTextFile(join(tmp, name), content);
      else await Deno.writeFile(join(tmp, name), content);
    }
    const db = await Engine.open({ threads: 1 }); // one small file: no thread pool to start
    try {
      await writeParquet(db, join(tmp, "per_user.parquet"), perUserColumns(result));
    } finally {
      db.close();
    }
  }, { kind: "run", legacy: legacyRunFolder, ...options });
}
