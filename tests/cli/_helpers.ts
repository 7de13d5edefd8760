/**
 * Helpers of the CLI safety tests: the real CLI in a subprocess (with its own
 * environment, e.g. a private cache) or in this process (fast, for fuzzing),
 * folder listings to prove that nothing was written, and tiny scenarios.
 */
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { main } from "../../src/cli/main.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const MAIN = join(ROOT, "src/cli/main.ts");
export const FIXTURE = join(ROOT, "tests/fixtures/handworked.csv");

/** Output of one CLI call. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@linkcode spawnCli}. */
export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** Starts `abreplay <args>` as a subprocess with piped output. */
export function spawnCli(args: string[], options: SpawnOptions = {}): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: options.cwd,
    env: options.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

/** Runs `abreplay <args>` as a subprocess to the end. */
export async function runCli(args: string[], options: SpawnOptions = {}): Promise<CliResult> {
  const out = await spawnCli(args, options).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/**
 * Runs the CLI's `main(args)` in this process, with `env` set meanwhile and
 * console output captured (use `--quiet`: progress bars write to stderr directly).
 */
export async function runInProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  const saved = { log: console.log, error: console.error, warn: console.warn };
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, Deno.env.get(k)]));
  let stdout = "", stderr = "";
  const text = (a: unknown[]) =>
    a.map((x) => typeof x === "string" ? x : x instanceof Error ? x.stack : Deno.inspect(x))
      .join(" ") + "\n";
  console.log = (...a: unknown[]) => void (stdout += text(a));
  console.error = console.warn = (...a: unknown[]) => void (stderr += text(a));
  for (const [k, v] of Object.entries(env)) Deno.env.set(k, v);
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    Object.assign(console, saved);
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) Deno.env.delete(k);
      else Deno.env.set(k, v);
    }
  }
}

/**
 * A long-lived CLI process (`_cli_worker.ts`) that runs one command at a time
 * in-process: the speed of {@linkcode runInProcess} on another core.
 */
export class CliWorker {
  readonly #child: Deno.ChildProcess;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
  readonly #reader: ReadableStreamDefaultReader<string>;
  #buffered = "";

  constructor() {
    this.#child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", join(ROOT, "tests/cli/_cli_worker.ts")],
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    this.#writer = this.#child.stdin.getWriter();
    this.#reader = this.#child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  }

  /** Runs `abreplay <args>` in the worker with `env` set. */
  async run(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
    await this.#writer.write(new TextEncoder().encode(JSON.stringify({ args, env }) + "\n"));
    for (;;) {
      const at = this.#buffered.indexOf("@@result ");
      const nl = at >= 0 ? this.#buffered.indexOf("\n", at) : -1;
      if (nl >= 0) {
        const r = JSON.parse(this.#buffered.slice(at + 9, nl));
        this.#buffered = this.#buffered.slice(nl + 1);
        return r;
      }
      const { value, done } = await this.#reader.read();
      if (done) throw new Error("the CLI worker exited");
      this.#buffered += value;
    }
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    await this.#writer.close();
    await this.#reader.cancel();
    await this.#child.status;
  }
}

/** Every path under `dir` (relative, sorted; folders end with "/"); [] when `dir` is missing. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(d)];
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory) {
        out.push(relative(dir, p) + "/");
        walk(p);
      } else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Names that only a temporary file or a lock of abreplay (any version) has. */
export const TEMP_LIKE = /\.tmp$|\.old$|\.abreplay\.lock$|abreplay-\d+-/;

/** Paths under `dir` that look like abreplay temporaries or locks. */
export function tempsUnder(dir: string): string[] {
  return listTree(dir).filter((p) => TEMP_LIKE.test(p.replace(/\/$/, "")));
}

/** A stack trace line, e.g. "    at main (file:///…/main.ts:40:5)". */
export const STACK_LINE = /^\s+at .*:\d+:\d+\)?$/m;

/** True when `path` exists. */
export function exists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Writes a scenario over the hand-worked fixture (`over` replaces top-level keys) to `dir/name`. */
export function writeScenario(
  dir: string,
  over: Record<string, unknown> = {},
  name = "s.json",
): string {
  const s = {
    name: "safety",
    data: { path: FIXTURE },
    split: { date: "2020-01-01" },
    control: { type: "random" },
    test: { type: "popular" },
    stats: { B: 100 },
    ...over,
  };
  const path = join(dir, name);
  Deno.writeTextFileSync(path, JSON.stringify(s, null, 2));
  return path;
}

/** The hand-worked fixture as UCSD JSON lines (`book_id`, `date_added`, …), `times` times over. */
export function fixtureJsonLines(times = 1): string {
  const rows = Deno.readTextFileSync(FIXTURE).trim().split("\n").slice(1);
  const lines = rows.map((l) => {
    const [u, i, t, r, read] = l.split(",");
    return JSON.stringify({
      user_id: u,
      book_id: i,
      date_added: t,
      rating: +r,
      is_read: read === "true",
    });
  });
  return Array(times).fill(lines.join("\n") + "\n").join("");
}

/** Small generated data (fast to generate, load and run). */
export const SMALL_GENERATE = { seed: 11, users: 300, items: 150, interactions: 6000 };
