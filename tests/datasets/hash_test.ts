import assert from "node:assert/strict";
import { findDataset, hashFile } from "../../src/datasets/mod.ts";
import { fixtureBytes } from "./_server.ts";

async function tool(cmd: string, path: string): Promise<string> {
  const out = await new Deno.Command(cmd, { args: [path], stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout).split(" ")[0];
}

Deno.test("hashFile agrees with sha256sum and md5sum on a multi-chunk file", async () => {
  const path = await Deno.makeTempFile();
  await Deno.writeFile(path, fixtureBytes(1_000_003, 5));
  const d = await hashFile(path);
  assert.equal(d.size, 1_000_003);
  assert.equal(d.sha256, await tool("sha256sum", path));
  assert.equal(d.md5, await tool("md5sum", path));
  await Deno.remove(path);
});

// The registry's goodbooks-10k SHA-256 was computed from books.csv at commit
// 6dd165b of zygmuntz/goodbooks-10k (git blob d694afdf), and the sample's from
// the team's copy; where the team's copies are present, they must match.
const SHARED = "/work/shared/data";
for (
  const [name, file] of [
    ["goodbooks-10k", "goodbooks10k_books.csv"],
    ["goodreads-ya-sample", "goodreads_interactions_young_adult_sample.json"],
  ]
) {
  const path = `${SHARED}/${file}`;
  const present = await Deno.stat(path).then(() => true, () => false);
  Deno.test({
    name: `registry size and SHA-256 of ${name} match the team's copy`,
    ignore: !present,
    fn: async () => {
      const e = findDataset(name)!;
      const d = await hashFile(path);
      assert.deepEqual([d.size, d.sha256], [e.size, e.sha256]);
    },
  });
}
