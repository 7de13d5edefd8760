/**
 * `deno task bench`: the bootstrap benchmark (170k users × 6 metrics × 2000
 * resamples vs NumPy) and the end-to-end pipeline benchmark vs a pandas/SciPy
 * peer at 1/8 of Goodreads-YA scale. Pass scales for the cost curve:
 * `deno task bench 1/8,1/4,1/2,full`.
 *
 * @module
 */
const run = async (args: string[]) => {
  const st = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", ...args],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!st.success) Deno.exit(st.code);
};
if (Deno.args[0] === "serve") {
  await run([new URL("./serve_bench.ts", import.meta.url).pathname, ...Deno.args.slice(1)]);
  Deno.exit(0);
}
await run([new URL("./bootstrap_bench.ts", import.meta.url).pathname]);
await run([new URL("./pipeline_bench.ts", import.meta.url).pathname, Deno.args[0] ?? "1/8"]);
