/**
 * Exit codes of the `abreplay` command line, and the exit on SIGINT/SIGTERM.
 *
 * @module
 */
import { errorRecord } from "../errors.ts";
import { handleInterrupts } from "../files/mod.ts";

/** Exit codes of abreplay. */
export const EXIT = {
  admit: 0,
  ok: 0,
  reject: 1,
  invalid: 2,
  inconclusive: 3,
  internal: 4,
  /** Interrupted by SIGINT (Ctrl-C): 128 + 2. */
  interrupted: 130,
  /** Terminated by SIGTERM: 128 + 15. */
  terminated: 143,
} as const;

/**
 * Installs the interrupt exit: on SIGINT/SIGTERM the command's temporary files
 * are removed and the process exits 130/143 (under `--json` with a JSON
 * record). Returns the function that removes it.
 */
export function exitOnInterrupt(name: string, json: boolean): () => void {
  return handleInterrupts((signal) => {
    const code = signal === "SIGINT" ? EXIT.interrupted : EXIT.terminated;
    const message = `interrupted by ${signal}; its temporary files were removed`;
    if (json) {
      console.log(
        JSON.stringify({ ...errorRecord(null, code), error: "Interrupted", message, hint: null }),
      );
    }
    console.error(`abreplay ${name}: ${message}`);
    Deno.exit(code);
  });
}
