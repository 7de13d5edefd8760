/**
 * The same generated interactions written as UCSD .json.gz, canonical CSV and
 * Parquet load to the same dataset and give the same metrics: three loader
 * paths checked against each other.
 */
import { assertEquals } from "../_assert.ts";
import { cli } from "../_cli.ts";

Deno.test("UCSD json.gz, CSV and Parquet of the same data give identical metrics", async () => {
  const dir = await Deno.makeTempDir();
  const gen = await cli([
    "generate",
    "--out",
    dir,
    "--format",
    "ucsd-gz,csv,parquet",
    "--users",
    "800",
    "--items",
    "400",
    "--interactions",
    "12000",
    "--quiet",
  ]);
  assertEquals(gen.code, 0, gen.stderr);
  const docs = [];
  for (const file of ["interactions.json.gz", "interactions.csv", "interactions.parquet"]) {
    await Deno.writeTextFile(
      `${dir}/s.json`,
      JSON.stringify({
        name: "fmt",
        data: { path: file },
        split: { holdoutFraction: 0.2 },
        control: { type: "random" },
        test: { type: "popular" },
        stats: { B: 200 },
      }),
    );
    const r = await cli(["run", `${dir}/s.json`, "--out", `${dir}/out`, "--quiet", "--json"]);
    assertEquals(r.code, 0, r.stderr);
    const m = JSON.parse(r.stdout);
    docs.push({
      split: m.split,
      arms: m.arms,
      comparison: m.comparison,
      rows: m.data.report.rowsKept,
    });
  }
  assertEquals(docs[1], docs[0]);
  assertEquals(docs[2], docs[0]);
});
