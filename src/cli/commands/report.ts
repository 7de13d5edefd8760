/**
 * `abreplay report`: re-render report.html of a finished run from its report.json.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { UsageError } from "../../errors.ts";
import { renderReport } from "../../report/mod.ts";
import type { ReportInput } from "../../report/types.ts";
import { writeOutputFile } from "../../files/mod.ts";
import { legacyRunFolder } from "../../run/outputs.ts";
import { type Command, parse } from "./_shared.ts";

export const reportCommand: Command = {
  name: "report",
  summary: "Re-render report.html of a finished run (reports/<name>/) from its report.json.",
  help: `abreplay report <run folder> [--out FILE]

Reads <run folder>/report.json (written by \`run\` and \`gate\`) and writes the
self-contained HTML report to <run folder>/report.html (or --out FILE: a new
file, or abreplay's own file in a folder it wrote; an existing file that is
not abreplay's is never overwritten).`,
  async run(args) {
    const { values, positionals } = parse("report", args);
    if (values.help) return (console.log(this.help), 0);
    if (positionals.length !== 1) {
      throw new UsageError("expected one run folder", { hint: "abreplay report reports/demo" });
    }
    const dir = resolve(positionals[0]);
    const file = join(dir, "report.json");
    let input: ReportInput;
    try {
      input = JSON.parse(await Deno.readTextFile(file));
    } catch {
      throw new UsageError("no readable report.json in the run folder", {
        file,
        hint: "run the scenario first: abreplay run <scenario>",
      });
    }
    const out = typeof values.out === "string" ? resolve(values.out) : join(dir, "report.html");
    await writeOutputFile(out, await renderReport(input), {
      kind: "run",
      legacy: legacyRunFolder,
      force: !!values.force,
    });
    console.log(out);
    return 0;
  },
};
