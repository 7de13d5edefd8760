// Reference streams: a Python port of xoshiro128** and of the seeding in src/rng/rng.ts
// (scripts/stats_reference.py), so the TypeScript bit operations are checked independently.
import { assert, assertEquals } from "../_assert.ts";
import { Rng } from "../../src/rng/mod.ts";
import { chiSquareSf } from "../../src/stats/mod.ts";
import { assertThrowsWith as assertThrows, reference } from "../stats/_reference.ts";

Deno.test("nextUint32 and int(n) match the Python port for every seed and both int paths", () => {
  for (const { seed, uint32, int } of reference.rng.streams) {
    const r = new Rng(seed);
    assertEquals(
      Array.from({ length: uint32.length }, () => r.nextUint32()),
      uint32,
      `seed ${seed}`,
    );
    for (const [n, values] of Object.entries(int)) {
      assertEquals(values.map(() => r.int(Number(n))), values, `seed ${seed}, int(${n})`);
    }
  }
});

Deno.test("same seed gives the same stream; nearby seeds give unrelated streams", () => {
  const a = new Rng(123), b = new Rng(123), c = new Rng(124);
  const xs = Array.from({ length: 100 }, () => a.nextUint32());
  assertEquals(Array.from({ length: 100 }, () => b.nextUint32()), xs);
  const ys = Array.from({ length: 100 }, () => c.nextUint32());
  assert(xs.filter((x, i) => x === ys[i]).length === 0);
  // seeds that differ only above bit 32 differ too
  assert(new Rng(2 ** 40).nextUint32() !== new Rng(0).nextUint32());
});

Deno.test("multinomial counts the same draws as int(n), on the fast and the slow path", () => {
  for (const n of [1, 2, 7, 170_000, 2 ** 21, 2 ** 21 + 1, 3_000_000]) {
    const counts = new Int32Array(n);
    const a = new Rng(5);
    a.multinomial(counts, 1000);
    const b = new Rng(5);
    const want = new Int32Array(n);
    for (let i = 0; i < 1000; i++) want[b.int(n)]++;
    assert(counts.every((c, i) => c === want[i]), `n=${n}`);
    assertEquals(a.nextUint32(), b.nextUint32(), `state after multinomial, n=${n}`);
  }
});

Deno.test("int(n) is uniform: chi-square over 6 and 1000 cells (fixed seed)", () => {
  const r = new Rng(2024);
  for (const cells of [6, 1000]) {
    const counts = new Float64Array(cells);
    const draws = 200 * cells;
    for (let i = 0; i < draws; i++) counts[r.int(cells)]++;
    const chi2 = counts.reduce((s, o) => s + (o - 200) ** 2 / 200, 0);
    assert(chiSquareSf(chi2, cells - 1) > 0.001, `cells=${cells}: chi2=${chi2}`);
  }
});

Deno.test("next() lies in [0, 1) with mean 1/2 and uses 53 bits", () => {
  const r = new Rng(99);
  let sum = 0, fractional = 0;
  for (let i = 0; i < 100_000; i++) {
    const u = r.next();
    assert(u >= 0 && u < 1);
    sum += u;
    if ((u * 2 ** 32) % 1 !== 0) fractional++; // more than 32 bits of resolution
  }
  assert(Math.abs(sum / 100_000 - 0.5) < 0.005);
  assert(fractional > 99_000);
});

Deno.test("invalid seeds and bounds throw RangeError", () => {
  assertThrows(() => new Rng(1.5), RangeError, "Rng: seed must be a safe integer, got 1.5");
  assertThrows(() => new Rng(2 ** 53), RangeError, "seed must be a safe integer");
  assertThrows(
    () => new Rng(1).int(0),
    RangeError,
    "Rng.int: n must be an integer in [1, 2^32], got 0",
  );
  assertThrows(() => new Rng(1).int(2 ** 32 + 1), RangeError, "got 4294967297");
  assertThrows(
    () => new Rng(1).multinomial(new Int32Array(0), 1),
    RangeError,
    "Rng.multinomial: counts.length must be an integer in [1, 2^32], got 0",
  );
  assertThrows(
    () => new Rng(1).multinomial(new Int32Array(2), -1),
    RangeError,
    "Rng.multinomial: draws must be an integer ≥ 0, got -1",
  );
});
