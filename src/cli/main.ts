/**
 * `abreplay` command line. Every known error is caught here, once, and printed
 * as one paragraph with exit code 2; verdicts use 0 (admit), 1 (reject),
 * 3 (inconclusive); an unexpected internal error exits 4 with its stack.
 *
 * @module
 */
import { AbreplayError, UsageError } from "../errors.ts";
import { COMMANDS, usage } from "./commands.ts";

/** Exit codes of abreplay. */
export const EXIT = {
  admit: 0,
  ok: 0,
  reject: 1,
  invalid: 2,
  inconclusive: 3,
  internal: 4,
} as const;

/** Runs the CLI with `args`; returns the exit code (never exits itself). */
export async function main(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name ? EXIT.ok : EXIT.invalid;
  }
  if (name === "--version") {
    console.log("abreplay 0.1.0");
    return EXIT.ok;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  try {
    if (!cmd) {
      throw new UsageError(`unknown command "${name}"`, {
        hint: `run one of: ${COMMANDS.map((c) => c.name).join(", ")}`,
      });
    }
    return await cmd.run(rest);
  } catch (e) {
    if (e instanceof AbreplayError) {
      console.error(`abreplay ${name}: error: ${e.message}`);
      return EXIT.invalid;
    }
    console.error(`abreplay ${name}: internal error (please report):`, e);
    return EXIT.internal;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
