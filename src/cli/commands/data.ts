/**
 * `abreplay data list|fetch`: the registered datasets and the data folder.
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import {
  BASE_URL_ENV,
  DATA_DIR_ENV,
  dataDir,
  type DatasetEntry,
  datasetPath,
  DATASETS,
  fetchDataset,
  type FetchProgress,
  findDataset,
  readProvenance,
} from "../../datasets/mod.ts";
import { didYouMean } from "../../did_you_mean.ts";
import { textTable } from "../table.ts";
import { type Command, parse } from "../args.ts";

const OPTIONS = {
  dir: { type: "string" as const },
  from: { type: "string" as const },
  "base-url": { type: "string" as const },
  force: { type: "boolean" as const },
};

export const dataCommand: Command = {
  name: "data",
  summary: "List the registered datasets, or fetch one into the data folder (verified).",
  help: `abreplay data list [--dir DIR] [--json]
abreplay data fetch <name>... [--dir DIR] [--from PATH] [--base-url URL] [--force] [--quiet]

The data folder is --dir (or --data-dir), else $${DATA_DIR_ENV}, else data/datasets/ in
the repository. Scenarios name files in it with "dataset": "<name>".

fetch downloads with a progress bar on stderr, resumes a partial file
(<file>.part) left by an interrupted run, verifies size and checksum (a
mismatch deletes the download, exit 2) and only then moves the file into
place, with a provenance record beside it (<file>.abreplay.json). A file
already in the folder is verified, never replaced (--force replaces one that
abreplay fetched). Where no checksum is published, the SHA-256 of the first
download is recorded and checked on every later fetch.
  --from PATH      copy a file you downloaded by hand (or a folder holding it)
                   instead of downloading: the way to fetch offline, and the
                   only way for goodreads-ya-sample
  --base-url URL   download <URL>/<file> instead (a mirror; also $${BASE_URL_ENV})`,
  async run(args) {
    const { values, positionals } = parse("data", args, OPTIONS);
    if (values.help) return (console.log(this.help), 0);
    const [sub, ...names] = positionals;
    const dir = dataDir((values.dir ?? values["data-dir"]) as string | undefined);
    if (sub === "list") return await list(dir, !!values.json);
    if (sub !== "fetch") {
      throw new UsageError(`expected "list" or "fetch", found ${sub ? `"${sub}"` : "nothing"}`, {
        hint: "abreplay data list, or abreplay data fetch <name>",
      });
    }
    if (names.length === 0) {
      throw new UsageError("name the dataset to fetch", { hint: "see `abreplay data list`" });
    }
    const entries = names.map(entryOf);
    if (values.from && entries.length > 1) {
      throw new UsageError("--from copies one dataset at a time");
    }
    const progress = byteProgress(!!values.quiet);
    for (const e of entries) {
      const r = await fetchDataset(e, {
        dir,
        from: values.from as string | undefined,
        baseUrl: values["base-url"] as string | undefined,
        force: !!values.force,
        progress,
      });
      const how = r.action === "present" ? "already present" : r.action;
      console.log(`${e.name}: ${how}, ${r.provenance.verifiedBy}: ${r.path}`);
    }
    return 0;
  },
};

function entryOf(name: string): DatasetEntry {
  const e = findDataset(name);
  if (e) return e;
  const known = DATASETS.map((d) => d.name);
  throw new UsageError(`unknown dataset "${name}"${didYouMean(name, known)}`, {
    hint: `see \`abreplay data list\` (${known.length} datasets)`,
  });
}

async function list(dir: string, json: boolean): Promise<number> {
  const rows = await Promise.all(DATASETS.map(async (e) => ({ e, state: await stateOf(e, dir) })));
  if (json) {
    console.log(JSON.stringify(
      {
        dir,
        datasets: rows.map(({ e, state }) => ({ ...e, path: datasetPath(e, dir), ...state })),
      },
      null,
      2,
    ));
    return 0;
  }
  console.log(`data folder: ${dir}\n`);
  console.log(textTable(
    ["name", "kind", "size", "checksum", "present"],
    rows.map(({ e, state }) => [
      e.name,
      e.kind,
      e.size !== undefined ? mib(e.size) : "?",
      e.sha256 ? "sha256" : e.md5 ? "md5" : "first download",
      state.present,
    ]),
  ));
  return 0;
}

async function stateOf(e: DatasetEntry, dir: string) {
  const path = datasetPath(e, dir);
  const size = (p: string) => Deno.stat(p).then((s) => s.size, () => undefined);
  const have = await size(path);
  if (have !== undefined) {
    const rec = await readProvenance(path);
    return { present: rec ? `yes (${rec.verifiedBy})` : "yes (not verified yet)", bytes: have };
  }
  const part = await size(`${path}.part`);
  return { present: part !== undefined ? `partial, ${mib(part)}` : "no", bytes: part ?? 0 };
}

const mib = (n: number) =>
  n < 1 << 20 ? `${(n / 1024).toFixed(0)} KiB` : `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Byte progress on stderr: a live bar on a TTY, a line every few seconds otherwise. */
function byteProgress(quiet: boolean): FetchProgress {
  const enc = new TextEncoder();
  const write = (s: string) => Deno.stderr.writeSync(enc.encode(s));
  const tty = Deno.stderr.isTerminal();
  let label = "", t0 = 0, start = 0, last = 0, open = false;
  return {
    bytes(l, done, total) {
      if (quiet) return;
      const now = performance.now();
      if (l !== label) [label, t0, start, last] = [l, now, done, 0];
      if (now - last < (tty ? 100 : 3000) && done !== total) return;
      last = now;
      const rate = (done - start) / Math.max(1e-3, (now - t0) / 1000);
      const of = total ? ` / ${mib(total)} (${((100 * done) / total).toFixed(0)}%)` : "";
      const w = 24, fill = total ? Math.round((w * done) / total) : 0;
      const bar = total ? `[${"#".repeat(fill)}${".".repeat(w - fill)}] ` : "";
      const speed = now - t0 > 500 ? ` ${mib(rate)}/s` : "";
      const text = `${label} ${bar}${mib(done)}${of}${speed}`;
      write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
      open = tty;
      if (tty && done === total) [open, label] = (write("\n"), [false, ""]);
    },
    note(text) {
      if (quiet) return;
      write(`${open ? "\r\x1b[2K" : ""}${text}\n`);
      open = false;
    },
  };
}
