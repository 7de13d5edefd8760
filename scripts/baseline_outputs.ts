/**
 * Runs every committed scenario that can run on this machine through the CLI
 * (`abreplay run`) and keeps its deterministic outputs, `metrics.json` and
 * `verdict.json`, in `<out>/<scenario>/`; with `--compare DIR` it then checks
 * them byte for byte against an earlier folder of the same layout.
 *
 * A refactor that must not change any number runs this once before (into a
 * folder outside the repository) and once after with `--compare`:
 *
 * ```sh
 * deno run -A scripts/baseline_outputs.ts ../arch-baseline --data-dir ../../shared/data
 * deno run -A scripts/baseline_outputs.ts ../arch-after --data-dir ../../shared/data --compare ../arch-baseline
 * ```
 *
 * Left out: `goodreads-ya.json` (needs the 35M-row file) and
 * `scenario.schema.json` (not a scenario). `--data-dir` is passed to every run
 * (scenarios naming a registered dataset, e.g. `sample.json`, read it there);
 * `--only a,b` runs the named scenarios only. Generated data goes into a fresh
 * cache folder shared by the runs of one invocation (`--cache-dir DIR` to
 * choose it), so a change in the generator cannot hide behind a cached file.
 * Exit 1 when a run fails or a file differs.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Scenario files that cannot run here (the 35M-row dataset) or are no scenario. */
export const SKIPPED: readonly string[] = [
  "goodreads-ya.json",
  "http-demo.json", // needs a running server (README, Serving); its timings vary
  "scenario.schema.json",
];

/** The outputs that must be byte-identical for the same scenario and data. */
export const DETERMINISTIC: readonly string[] = ["metrics.json", "verdict.json"];

const root = fileURLToPath(new URL("../", import.meta.url));

/**
 * The committed scenario files that can run here, sorted by name.
 *
 * @example
 * ```ts
 * import { runnableScenarios } from "./baseline_outputs.ts";
 * const names = (await runnableScenarios()).map((p) => p.split("/").pop());
 * if (!names.includes("demo.json") || names.includes("goodreads-ya.json")) throw new Error(names.join());
 * ```
 */
export async function runnableScenarios(dir = join(root, "scenarios")): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (!e.isFile || SKIPPED.includes(e.name)) continue;
    if ([".json", ".yaml", ".yml"].includes(extname(e.name))) out.push(join(dir, e.name));
  }
  return out.sort();
}

/** Runs `scenario` with `abreplay run` into `dir`; returns the exit code and stderr. */
async function runScenarioCli(
  scenario: string,
  dir: string,
  dataDir: string | undefined,
  cacheDir: string,
): Promise<{ code: number; stderr: string }> {
  const args = ["run", "-A", join(root, "src/cli/main.ts"), "run", scenario, "--out", dir];
  args.push("--quiet", "--force");
  if (dataDir) args.push("--data-dir", dataDir);
  const env = { ABREPLAY_CACHE_DIR: cacheDir };
  const r = await new Deno.Command(Deno.execPath(), { args, cwd: root, env, stdout: "null" })
    .output();
  return { code: r.code, stderr: new TextDecoder().decode(r.stderr) };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    args: Deno.args,
    options: {
      "data-dir": { type: "string" },
      compare: { type: "string" },
      only: { type: "string" },
      "cache-dir": { type: "string" },
    },
    allowPositionals: true,
  });
  if (positionals.length !== 1) {
    console.error(
      "usage: baseline_outputs.ts <out folder> [--data-dir DIR] [--compare DIR] [--only a,b] [--cache-dir DIR]",
    );
    Deno.exit(2);
  }
  const out = resolve(positionals[0]);
  const dataDir = values["data-dir"] ? resolve(values["data-dir"]) : undefined;
  const only = values.only?.split(",");
  const work = await Deno.makeTempDir({ prefix: "abreplay-baseline-" });
  const cacheDir = values["cache-dir"] ? resolve(values["cache-dir"]) : join(work, "cache");
  let bad = 0;
  for (const file of await runnableScenarios()) {
    const name = basename(file, extname(file));
    if (only && !only.includes(name)) continue;
    const t0 = performance.now();
    const r = await runScenarioCli(file, join(work, name), dataDir, cacheDir);
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    if (r.code !== 0) {
      console.error(`${name}: abreplay run exited ${r.code} (${s} s)\n${r.stderr}`);
      bad++;
      continue;
    }
    await Deno.mkdir(join(out, name), { recursive: true });
    const notes: string[] = [];
    for (const f of DETERMINISTIC) {
      const bytes = await Deno.readFile(join(work, name, f));
      await Deno.writeFile(join(out, name, f), bytes);
      if (!values.compare) continue;
      const before = await Deno.readFile(join(resolve(values.compare), name, f)).catch(() => null);
      const same = before !== null && before.length === bytes.length &&
        before.every((b, i) => b === bytes[i]);
      notes.push(`${f} ${before === null ? "NOT IN BASELINE" : same ? "identical" : "DIFFERS"}`);
      if (!same) bad++;
    }
    console.log(`${name}: ok (${s} s)${notes.length ? `; ${notes.join(", ")}` : ""}`);
  }
  await Deno.remove(work, { recursive: true });
  Deno.exit(bad ? 1 : 0);
}
