/**
 * `deno task bench [pipeline options]`: the bootstrap benchmark (170k users ×
 * 6 metrics × 2000 resamples vs NumPy), then the end-to-end pipeline benchmark
 * against the strong Python peer (bench/pipeline_bench.ts; its options pass
 * through, e.g. `--file ya_35M.parquet --runs 2` or `--size 1/8,1/4,1/2,1`).
 * `--no-bootstrap` skips the first part.
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
const args = Deno.args.filter((a) => a !== "--no-bootstrap");
if (args.length === Deno.args.length) {
  await run([new URL("./bootstrap_bench.ts", import.meta.url).pathname]);
}
await run([new URL("./pipeline_bench.ts", import.meta.url).pathname, ...args]);
