// Reference streams: a Python port of xoshiro128** and of the seeding in src/rng/rng.ts
// (scripts/stats_reference.py), so the TypeScript bit operations are checked independently.
import { assert, assertEquals } from "../_assert.ts";
import { drawArray, Rng } from "../../src/rng/mod.ts";
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

Deno.test("multinomial and shufflePrefix on a drawArray equal int(n) loops, rejections included", () => {
  // n = 2^21 − 1 rejects ~1 draw in 2^11 and n = 3·2^19 + 1 about 1 in 2^12: over 60,000
  // draws both take the rejection branch dozens of times
  for (const n of [1, 3, 1000, 166_726, 3 * 2 ** 19 + 1, 2 ** 21 - 1, 2 ** 21]) {
    for (const plain of [false, true]) {
      const draws = 60_000;
      const counts = plain ? new Int32Array(n) : drawArray(n);
      counts[0] = 5; // adds to what is there
      const a = new Rng(11);
      a.multinomial(counts, draws);
      const b = new Rng(11);
      const want = new Int32Array(n);
      want[0] = 5;
      for (let i = 0; i < draws; i++) want[b.int(n)]++;
      assert(counts.every((c, i) => c === want[i]), `multinomial n=${n} plain=${plain}`);
      assertEquals(a.nextUint32(), b.nextUint32(), `state after multinomial, n=${n}`);

      const size = Math.min(n, 30_000);
      const order = plain ? new Int32Array(n) : drawArray(n);
      for (let i = 0; i < n; i++) order[i] = n - i;
      const expected = order.slice();
      a.shufflePrefix(order, size);
      a.shufflePrefix(order, Math.floor(size / 2)); // again, from a shuffled order
      for (const m of [size, Math.floor(size / 2)]) {
        for (let i = 0; i < m; i++) {
          const j = i + b.int(n - i);
          const x = expected[i];
          expected[i] = expected[j];
          expected[j] = x;
        }
      }
      assert(order.every((v, i) => v === expected[i]), `shufflePrefix n=${n} plain=${plain}`);
      assertEquals(a.nextUint32(), b.nextUint32(), `state after shufflePrefix, n=${n}`);
    }
  }
});

Deno.test("shufflePrefix above 2^21 entries (JS path) and its bad sizes", () => {
  const n = 2 ** 21 + 3;
  const order = drawArray(n);
  for (let i = 0; i < n; i++) order[i] = i;
  new Rng(4).shufflePrefix(order, 1000);
  const b = new Rng(4);
  const want = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < 1000; i++) {
    const j = i + b.int(n - i);
    [want[i], want[j]] = [want[j], want[i]];
  }
  assert(order.every((v, i) => v === want[i]));
  const r = new Rng(1);
  for (const size of [-1, 4, 1.5, NaN]) {
    assertThrows(() => r.shufflePrefix(new Int32Array(3), size), RangeError, "size must be");
  }
});

Deno.test("a half sample is uniform: each of 10 entries lands in the first 3 equally often", () => {
  const r = new Rng(77);
  const order = drawArray(10);
  for (let i = 0; i < 10; i++) order[i] = i;
  const hits = new Float64Array(10);
  const reps = 20_000;
  for (let b = 0; b < reps; b++) {
    r.shufflePrefix(order, 3);
    for (let i = 0; i < 3; i++) hits[order[i]]++;
  }
  const e = (reps * 3) / 10;
  const chi2 = hits.reduce((s, o) => s + (o - e) ** 2 / e, 0);
  assert(chiSquareSf(chi2, 9) > 0.001, `chi2=${chi2}`);
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
