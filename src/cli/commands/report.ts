/**
 * `abreplay report`: re-render report.html of a finished run from its report.json.
 *
 * @module
 */
import { UsageError } from "../../errors.ts";
import { rerenderReport } from "../../pipeline/mod.ts";
import { type Command, parse } from "../args.ts";

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
    const out = await rerenderReport(positionals[0], {
      out: typeof values.out === "string" ? values.out : undefined,
      force: !!values.force,
    });
    console.log(out);
    return 0;
  },
};
