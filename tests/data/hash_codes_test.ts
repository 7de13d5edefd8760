/**
 * The id-hash table of the row scan (`src/data/hash_codes.ts`) against the
 * list of its keys and codes: every key gets its code, in the narrow
 * layout (8-byte slots, high word compared) and in the wide one, including
 * keys whose high words are equal and whose probe paths cross, which the
 * narrow layout must either resolve by another shift or leave to the wide one.
 */
import assert from "node:assert/strict";
import { type HashCodes, hashCodes, NO_CODE } from "../../src/data/hash_codes.ts";
import { mulberry32 } from "../../src/rng/mod.ts";

/** `n` distinct random keys (word pairs) and codes 0..n−1 with a few −1 and −2. */
function randomKeys(
  n: number,
  seed: number,
  hiBits = 32,
): { keys: Uint32Array; codes: Int32Array } {
  const rnd = mulberry32(seed);
  const keys = new Uint32Array(2 * n), codes = new Int32Array(n);
  const seen = new Set<string>();
  for (let k = 0; k < n; k++) {
    let lo: number, hi: number;
    do {
      lo = Math.floor(rnd() * 2 ** 32) >>> 0;
      hi = Math.floor(rnd() * 2 ** hiBits) >>> 0;
    } while (seen.has(`${lo}:${hi}`));
    seen.add(`${lo}:${hi}`);
    keys[2 * k] = lo;
    keys[2 * k + 1] = hi;
    codes[k] = k % 97 === 5 ? -1 : k % 101 === 7 ? -2 : k;
  }
  return { keys, codes };
}

function assertAll(t: HashCodes, keys: Uint32Array, codes: Int32Array) {
  for (let k = 0; k < codes.length; k++) {
    assert.equal(t.get(keys[2 * k], keys[2 * k + 1]), codes[k], `key ${k}`);
  }
}

Deno.test("hash codes: every key gets its code (narrow layout, 8 bytes a slot)", () => {
  for (const n of [1, 15, 1000, 100_000]) {
    const { keys, codes } = randomKeys(n, n);
    const t = hashCodes(keys, codes);
    assertAll(t, keys, codes);
    let cap = 16;
    while (cap < 1.25 * n) cap *= 2;
    assert.equal(t.bytes, 8 * cap, `n = ${n}: narrow`);
  }
});

Deno.test("hash codes: keys absent from the table get NO_CODE when no key shares their high word", () => {
  const { keys, codes } = randomKeys(5000, 3, 20); // high words below 2^20
  const t = hashCodes(keys, codes);
  const rnd = mulberry32(9);
  for (let q = 0; q < 5000; q++) {
    const lo = Math.floor(rnd() * 2 ** 32) >>> 0, hi = (2 ** 20 + q) >>> 0;
    assert.equal(t.get(lo, hi), NO_CODE);
  }
});

Deno.test("hash codes: equal high words on one probe path (another shift, or the wide layout)", () => {
  // Only 2^6 distinct high words among 3000 keys: at home slots from the low bits, paths are
  // crowded with equal high words; the table must still answer every key exactly.
  const few = randomKeys(3000, 11, 6);
  const t1 = hashCodes(few.keys, few.codes);
  assertAll(t1, few.keys, few.codes);
  // Every key has the same high word and low words that differ only above bit 28: every shift
  // the narrow layout tries gives all of them one home slot, so only the wide layout is exact.
  const n = 12;
  const keys = new Uint32Array(2 * n), codes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    keys[2 * k] = ((k << 28) | 5) >>> 0;
    keys[2 * k + 1] = 77;
    codes[k] = 100 + k;
  }
  const t2 = hashCodes(keys, codes);
  assert.equal(t2.bytes, 16 * 16, "wide layout");
  assertAll(t2, keys, codes);
  assert.equal(t2.get(6, 77), NO_CODE);
  // Keys sharing a high word and a code (ids that trim to one id) may share a narrow path.
  const same = hashCodes(Uint32Array.of(1, 9, 2, 9, 3, 9), Int32Array.of(4, 4, 4));
  assert.equal(same.bytes, 8 * 16);
  for (const lo of [1, 2, 3]) assert.equal(same.get(lo, 9), 4);
});
