/**
 * `abreplay` command line. Every known error is caught here, once, and printed
 * as one paragraph with exit code 2 (under `--json`, also as one JSON object on
 * stdout: {@linkcode errorRecord}); verdicts use 0 (admit), 1 (reject),
 * 3 (inconclusive); an unexpected internal error exits 4 with its stack.
 *
 * A command publishes its cache entries only when it succeeds (exit 0, 1 or
 * 3): an invalid run leaves nothing behind. SIGINT / SIGTERM remove the
 * command's temporary files and exit 130 / 143.
 *
 * @module
 */
import { AbreplayError, errorRecord, UsageError } from "../errors.ts";
import {
  commitPublishing,
  deferPublishing,
  discardPublishing,
  interrupting,
} from "../files/mod.ts";
import { COMMANDS, usage } from "./registry.ts";
import { EXIT, exitOnInterrupt } from "./exit.ts";
import { VERSION } from "../version.ts";

export { EXIT } from "./exit.ts";

/** Runs the CLI with `args`; returns the exit code (exits itself only when interrupted). */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? EXIT.ok : EXIT.invalid;
  }
  if (name === "--version") {
    console.log(`abreplay ${VERSION}`);
    return EXIT.ok;
  }
  const json = rest.includes("--json");
  const cmd = COMMANDS.find((c) => c.name === name);
  deferPublishing();
  const stopHandling = cmd?.ownsSignals ? () => {} : exitOnInterrupt(name, json);
  try {
    if (!cmd) {
      throw new UsageError(`unknown command "${name}"`, {
        hint: `run one of: ${COMMANDS.map((c) => c.name).join(", ")}`,
      });
    }
    const code = await cmd.run(rest);
    await whileInterrupted();
    if (code === EXIT.invalid || code === EXIT.internal) await discardPublishing();
    else await commitPublishing();
    return code;
  } catch (e) {
    await whileInterrupted();
    await discardPublishing();
    return reportError(name, e, json);
  } finally {
    stopHandling();
  }
}

/** Once a signal is being handled, the handler ends the process: nothing more happens here. */
async function whileInterrupted(): Promise<void> {
  if (interrupting()) await new Promise<never>(() => {});
}

/** Prints `e` (stderr; under `--json` also one JSON object on stdout); returns the exit code. */
function reportError(command: string, e: unknown, json: boolean): number {
  const code = e instanceof AbreplayError ? EXIT.invalid : EXIT.internal;
  if (json) console.log(JSON.stringify(errorRecord(e, code), null, 2));
  if (code === EXIT.invalid) console.error(`abreplay ${command}: error: ${(e as Error).message}`);
  else console.error(`abreplay ${command}: internal error (please report):`, e);
  return code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
