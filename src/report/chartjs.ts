/**
 * Finds and reads the Chart.js UMD build from the installed npm package, for
 * inlining into the report (the report makes no network request).
 *
 * @module
 */
import { AbreplayError } from "../errors.ts";

const BUILDS = ["chart.umd.min.js", "chart.umd.js"];

/** Candidate paths, most specific first: next to this module, then up from the working directory. */
function candidates(): string[] {
  const out: string[] = [];
  const here = new URL("../../node_modules/chart.js/dist/", import.meta.url);
  if (here.protocol === "file:") {
    for (const b of BUILDS) out.push(decodeURIComponent(new URL(b, here).pathname));
  }
  let dir = Deno.cwd();
  for (let i = 0; i < 8; i++) {
    for (const b of BUILDS) out.push(`${dir}/node_modules/chart.js/dist/${b}`);
    const up = dir.replace(/\/[^/]+\/?$/, "");
    if (up === dir || up === "") break;
    dir = up;
  }
  return out;
}

/** `node_modules/.deno/chart.js@<version>/…` directories under the working directory. */
async function denoStoreCandidates(): Promise<string[]> {
  const store = `${Deno.cwd()}/node_modules/.deno`;
  const out: string[] = [];
  try {
    for await (const e of Deno.readDir(store)) {
      if (!e.name.startsWith("chart.js@")) continue;
      for (const b of BUILDS) out.push(`${store}/${e.name}/node_modules/chart.js/dist/${b}`);
    }
  } catch {
    // no local npm store: nothing to add
  }
  return out.sort().reverse();
}

async function readFirst(paths: string[]): Promise<string | null> {
  for (const path of paths) {
    try {
      return await Deno.readTextFile(path);
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  return null;
}

async function find(): Promise<string> {
  let tried = [...candidates(), ...await denoStoreCandidates()];
  let source = await readFirst(tried);
  if (source === null) {
    // A fresh checkout has no node_modules yet: importing the package makes Deno
    // (nodeModulesDir "auto") install it, then its UMD build is on disk.
    try {
      await import("chart.js");
    } catch {
      // not resolvable here: report the paths tried below
    }
    tried = [...candidates(), ...await denoStoreCandidates()];
    source = await readFirst(tried);
  }
  if (source === null) {
    throw new AbreplayError("Chart.js UMD build not found", {
      file: tried[0],
      hint: `run \`deno install\` so node_modules/chart.js exists (tried ${tried.length} paths)`,
    });
  }
  return source;
}

let cached: Promise<string> | null = null;

/**
 * The Chart.js UMD source (read once, then cached). When the package is not
 * installed yet, imports it once so that Deno installs it; throws an
 * `AbreplayError` naming the paths tried when it is still missing.
 *
 * @example
 * ```ts
 * import { loadChartJs } from "./chartjs.ts";
 * const js = await loadChartJs();
 * if (!js.includes("Chart.js v4") || js.length < 100_000) throw new Error("unexpected Chart.js build");
 * ```
 */
export function loadChartJs(): Promise<string> {
  cached ??= find();
  cached.catch(() => (cached = null));
  return cached;
}
