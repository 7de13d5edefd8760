/**
 * A long-lived CLI process for fast tests: reads one JSON request a line on
 * stdin, `{"args": [...], "env": {...}}`, runs the CLI's `main(args)` in this
 * process with `env` set (see `runInProcess`), and answers each with one line
 * `@@result {"code", "stdout", "stderr"}` on stdout.
 */
import { runInProcess } from "./_helpers.ts";

const encoder = new TextEncoder();
let buffered = "";
for await (const chunk of Deno.stdin.readable.pipeThrough(new TextDecoderStream())) {
  buffered += chunk;
  for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (line.trim() === "") continue;
    const { args, env } = JSON.parse(line);
    const r = await runInProcess(args, env);
    await Deno.stdout.write(encoder.encode(`@@result ${JSON.stringify(r)}\n`));
  }
}
