// References: FNV-1a test vectors from the FNV specification (Fowler/Noll/Vo, "a" → 0xe40c292c),
// and an independent Python re-implementation of GrowthBook's SDK hash v2, getBucketRanges
// and chooseVariation in scripts/stats_reference.py (UTF-16 code units via utf-16-le).
import { assert, assertEquals } from "../_assert.ts";
import {
  assignArms,
  bucketRanges,
  chooseVariation,
  fnv1a32,
  hashV2,
} from "../../src/stats/bucketing.ts";
import { assertThrowsWith as assertThrows, reference } from "./_reference.ts";

const ref = reference.bucketing;

Deno.test("fnv1a32: published vectors and UTF-16 code units", () => {
  assertEquals(fnv1a32(""), 2166136261);
  assertEquals(fnv1a32("a"), 0xe40c292c);
  assertEquals(fnv1a32("foobar"), 0xbf9cf968); // FNV test suite
  for (const { s, h } of ref.fnv1a32) assertEquals(fnv1a32(s), h, JSON.stringify(s));
  // "😀" is two UTF-16 code units (a surrogate pair), hashed one unit at a time
  assert(fnv1a32("😀") !== fnv1a32(String.fromCodePoint(0x1f600 & 0xffff)));
});

Deno.test("hashV2 matches the Python re-implementation", () => {
  for (const { salt, value, h } of ref.hashV2) {
    assertEquals(hashV2(salt, value), h, `${salt}|${value}`);
  }
});

Deno.test("bucketRanges and assignArms match the reference for every configuration", () => {
  for (const { salt, weights, coverage, ranges, arms } of ref.assignments) {
    const got = bucketRanges(weights.length, coverage, weights);
    assertEquals(got.map((r) => [...r]), ranges, salt);
    assertEquals(Array.from(assignArms(ref.users, salt, weights, coverage)), arms, salt);
  }
});

Deno.test("chooseVariation: ranges are half-open and gaps are outside the experiment", () => {
  const ranges = bucketRanges(2, 0.5); // [[0, 0.25], [0.5, 0.75]]
  assertEquals(chooseVariation(0, ranges), 0);
  assertEquals(chooseVariation(0.25, ranges), -1);
  assertEquals(chooseVariation(0.5, ranges), 1);
  assertEquals(chooseVariation(0.9999, ranges), -1);
});

Deno.test("weights summing to 0.999 are used as is, like the SDK (top hashes fall outside)", () => {
  const r = bucketRanges(3, 1, [0.333, 0.333, 0.333]);
  assertEquals(chooseVariation(0.9995, r), -1);
  assertEquals(chooseVariation(0.998, r), 2);
});

Deno.test("assignment is stable per salt and independent across salts", () => {
  const users = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
  const a = assignArms(users, "salt-a"), b = assignArms(users, "salt-b");
  assertEquals(assignArms(users, "salt-a"), a);
  const same = a.filter((v, i) => v === b[i]).length;
  assert(Math.abs(same / users.length - 0.5) < 0.02, `agreement ${same}`);
  const inTest = a.filter((v) => v === 1).length;
  assert(Math.abs(inTest - 5000) < 200, `test arm ${inTest}`);
  // lowering coverage only removes users; nobody changes arm
  const half = assignArms(users, "salt-a", [0.5, 0.5], 0.5);
  assert(half.every((v, i) => v === -1 || v === a[i]));
});

Deno.test("configurations the SDK would silently repair are rejected", () => {
  assertThrows(
    () => bucketRanges(2, 1, [0.3, 0.3]),
    RangeError,
    "weights must add up to 1 (±0.01), got 0.6",
  );
  assertThrows(() => bucketRanges(2, 1, [1]), RangeError, "weights must have 2 entries, got 1");
  assertThrows(() => bucketRanges(2, 1.5), RangeError, "coverage must be in [0, 1], got 1.5");
  assertThrows(
    () => bucketRanges(2, 1, [-0.5, 1.5]),
    RangeError,
    "weights[0] must be ≥ 0, got -0.5",
  );
  assertThrows(
    () => bucketRanges(0),
    RangeError,
    "numVariations must be an integer in [1, 127], got 0",
  );
  assertThrows(() => assignArms(["u"], "s", [0.2, 0.2]), RangeError, "weights must add up to 1");
});
