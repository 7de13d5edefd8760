import assert from "node:assert/strict";
import { rankSelect } from "../../src/split/temporal.ts";
import { Rng } from "../../src/rng/mod.ts";

Deno.test("rankSelect equals the r-th element of a full sort (ties, fractions, one bucket)", () => {
  const rng = new Rng(11);
  const cases = [
    Float64Array.from({ length: 5000 }, () => Math.floor(rng.next() * 50)), // heavy ties
    Float64Array.from({ length: 3000 }, () => 1.5e9 + rng.next() * 3e8), // fractional seconds
    Float64Array.from({ length: 2000 }, (_, i) => (i % 7 === 0 ? 1e12 : 1 + rng.next() * 1e-6)), // most in one bucket
    new Float64Array([42, 42, 42]),
  ];
  for (const a of cases) {
    const sorted = Float64Array.from(a).sort();
    for (const r of [0, 1, Math.floor(a.length / 3), Math.floor(a.length * 0.8), a.length - 1]) {
      assert.equal(rankSelect(a, r), sorted[r], `rank ${r} of ${a.length}`);
    }
  }
});
