/**
 * Helpers for serving tests: a small generated scenario with fitted models,
 * and `abreplay serve` started as a real subprocess on a free loopback port.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { loadScenario } from "../../src/scenario/mod.ts";
import { fitAndSave, prepareData, silentProgress } from "../../src/pipeline/mod.ts";
import type { TrainData } from "../../src/recommenders/mod.ts";

const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

/** A scenario on small generated data, its train split, and both arms saved as models. */
export interface Fitted {
  dir: string;
  scenario: string;
  train: TrainData;
  /** Saved model folders: `control` = popular, `test` = item2item. */
  models: { popular: string; item2item: string };
}

/** Writes the scenario in a fresh temp folder and fits both arms (≈ 2 s). */
export async function fitSmall(): Promise<Fitted> {
  const dir = await Deno.makeTempDir({ prefix: "abreplay-serve-" });
  const scenario = join(dir, "small.json");
  await Deno.writeTextFile(
    scenario,
    JSON.stringify({
      name: "small",
      data: { generate: { seed: 11, users: 500, items: 400, interactions: 12000 } },
      split: { holdoutFraction: 0.2 },
      eval: { k: 10, coldThreshold: 3 },
      control: { type: "popular" },
      test: { type: "item2item", params: { neighbours: 30 } },
    }),
  );
  const s = await loadScenario(scenario);
  const models = { popular: join(dir, "popular"), item2item: join(dir, "item2item") };
  await fitAndSave(s, "control", models.popular);
  await fitAndSave(s, "test", models.item2item);
  const { train } = await prepareData(s, silentProgress, {});
  return { dir, scenario, train, models };
}

/** A running `abreplay serve` subprocess. */
export interface ServeProcess {
  url: string;
  child: Deno.ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Waits (≤ 30 s) until `/ready` answers 200. */
  ready(): Promise<void>;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: Deno.Signal): Promise<number>;
  /** Waits for the exit code (after a signal sent by the test). */
  exited(): Promise<number>;
}

/**
 * Starts `abreplay serve <args> --port 0` and waits (≤ 60 s) for its
 * "listening on" line. Throws with its stderr when it exits first.
 */
export async function startServe(args: string[]): Promise<ServeProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "serve", ...args, "--port", "0"],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let err = "";
  const errDone = (async () => {
    for await (const c of child.stderr.pipeThrough(new TextDecoderStream())) err += c;
  })();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  const deadline = Date.now() + 60_000;
  let url: string | null = null;
  while (url === null && Date.now() < deadline) {
    const { value, done } = await lines.read();
    if (done) break;
    out += value;
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? null;
  }
  lines.releaseLock();
  child.stdout.cancel().catch(() => {});
  if (url === null) {
    const code = await child.status.then((s) => s.code);
    await errDone;
    throw new Error(`serve did not start (exit ${code}): ${err}`);
  }
  const base = url;
  const exited = async () => {
    const { code } = await child.status;
    await errDone;
    return code;
  };
  return {
    url: base,
    child,
    stderr: () => err,
    async ready() {
      for (const end = Date.now() + 30_000; Date.now() < end;) {
        const r = await fetch(`${base}/ready`);
        await r.body?.cancel();
        if (r.status === 200) return;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error(`not ready after 30 s: ${err}`);
    },
    stop(signal: Deno.Signal = "SIGTERM") {
      try {
        child.kill(signal);
      } catch { /* already exited */ }
      return exited();
    },
    exited,
  };
}

/** Runs `abreplay serve <args>` expecting it to fail before listening; returns code and stderr. */
export async function serveFails(args: string[]): Promise<{ code: number; stderr: string }> {
  const cwd = await Deno.makeTempDir(); // a default events.ndjson would land here
  const out = await new Deno.Command(Deno.execPath(), {
    cwd,
    args: [
      "run",
      "-A",
      MAIN,
      "serve",
      ...args,
      ...(args.includes("--port") ? [] : ["--port", "0"]),
      "--quiet",
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(60_000),
  }).output();
  await Deno.remove(cwd, { recursive: true });
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

/** fetch + JSON body, status and headers. */
export async function getJson(url: string, init?: RequestInit) {
  const r = await fetch(url, init);
  const text = await r.text();
  return { status: r.status, headers: r.headers, body: text ? JSON.parse(text) : null };
}

/** POST `body` (an object, sent as JSON) to `url`. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}
