/**
 * What the subcommands share: the command shape, the options every command
 * takes, parsing them, and loading the scenario a command names.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { UsageError } from "../errors.ts";
import { loadScenario, type Scenario } from "../scenario/mod.ts";

/** A subcommand. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  run(args: string[]): Promise<number>;
  /** The command handles SIGINT/SIGTERM itself (a server): the CLI installs no interrupt exit. */
  ownsSignals?: boolean;
}

/** parseArgs option specs. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; short?: string }>;

/** Options every command accepts. */
export const COMMON: OptionSpec = {
  help: { type: "boolean", short: "h" },
  out: { type: "string" },
  seed: { type: "string" },
  quiet: { type: "boolean", short: "q" },
  json: { type: "boolean" },
  force: { type: "boolean" },
  "data-dir": { type: "string" },
};

/** What the help of every command that writes a folder says about it. */
export const OUTPUT_HELP = `The output folder must be new, empty or one abreplay wrote (it keeps a
.abreplay.json marker there); otherwise the command stops with exit 2 before
any work. --force writes abreplay's files next to the others: nothing that is
not abreplay's is ever deleted or overwritten.`;

/** Parses a command's args (common options + `extra`); bad usage → UsageError. */
export function parse(
  cmd: string,
  args: string[],
  extra: OptionSpec = {},
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args,
      options: { ...COMMON, ...extra },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message, { hint: `see \`abreplay ${cmd} --help\`` });
  }
}

/** Loads the one scenario named on the command line, applying `--seed`. */
export async function scenarioFromArgs(
  cmd: string,
  values: Record<string, unknown>,
  positionals: string[],
): Promise<Scenario> {
  if (positionals.length !== 1) {
    throw new UsageError(`expected one scenario file, found ${positionals.length} arguments`, {
      hint: `abreplay ${cmd} scenarios/demo.json`,
    });
  }
  const dataDir = values["data-dir"];
  const s = await loadScenario(positionals[0], {
    dataDir: typeof dataDir === "string" ? dataDir : undefined,
  });
  if (typeof values.seed === "string") {
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) {
      throw new UsageError(`--seed must be a non-negative integer, found "${values.seed}"`);
    }
    s.seed = seed;
  }
  return s;
}
