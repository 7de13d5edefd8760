/**
 * The subcommands of `abreplay`, each in `commands/<name>.ts` with its own
 * `--help`, and the top-level usage text.
 *
 * @module
 */
import type { Command } from "./args.ts";
import { runCommand } from "./commands/run.ts";
import { gateCommand } from "./commands/gate.ts";
import { aaCommand } from "./commands/aa.ts";
import { ocCommand } from "./commands/oc.ts";
import { validateCommand } from "./commands/validate.ts";
import { listCommand } from "./commands/list.ts";
import { generateCommand } from "./commands/generate.ts";
import { reportCommand } from "./commands/report.ts";
import { fitCommand } from "./commands/fit.ts";
import { splitCommand } from "./commands/split.ts";
import { dataCommand } from "./commands/data.ts";
import { serveCommand } from "./commands/serve.ts";

/** Every subcommand. */
export const COMMANDS: Command[] = [
  runCommand,
  gateCommand,
  aaCommand,
  ocCommand,
  validateCommand,
  fitCommand,
  splitCommand,
  reportCommand,
  generateCommand,
  listCommand,
  dataCommand,
  serveCommand,
];

/** Top-level usage text. */
export function usage(): string {
  return [
    "abreplay — offline, reproducible admission tests for recommenders",
    "",
    "usage: abreplay <command> [options]   (abreplay <command> --help for details)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "exit codes: 0 ok/admit, 1 reject, 2 invalid input or usage, 3 inconclusive, 4 internal error,",
    "            130/143 interrupted (SIGINT/SIGTERM; temporary files removed)",
  ].join("\n");
}
