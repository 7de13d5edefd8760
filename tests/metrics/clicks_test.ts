/**
 * The position-based click model (metrics/clicks.ts): simulated block-click
 * rates against the closed form `1 − Π_p (1 − θ_p · rel_p)` (a second way),
 * clicks only on relevant examined positions, one stream position per slot
 * (common random numbers across arms), and the input checks.
 */
import { assert, assertEquals, assertThrows } from "../_assert.ts";
import {
  defaultExamination,
  expectedBlockClick,
  hitTable,
  pbmClicks,
} from "../../src/metrics/mod.ts";
import { Rng } from "../../src/rng/mod.ts";

// 3 users, k = 4: hits at positions {1, 3}, {2}, none (items 1..4 in each list)
const lists = Int32Array.of(1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, -1);
const relOffsets = Int32Array.of(0, 2, 3, 4);
const relItems = Int32Array.of(1, 3, 2, 9);
const table = hitTable(lists, 4, relOffsets, relItems);
const theta = Float64Array.of(0.9, 0.6, 0.3, 0.1);

Deno.test("block-click frequencies match the closed form within 4 standard errors", () => {
  // closed form by hand: user 0: 1 − (1 − 0.9)(1 − 0.3) = 0.93; user 1: 0.6; user 2: 0
  const exact = expectedBlockClick(table, theta);
  assertEquals(Array.from(exact, (x) => Math.round(x * 1e12) / 1e12), [0.93, 0.6, 0]);
  const reps = 20000, rng = new Rng(5);
  const counts = [0, 0, 0], clicks = [0, 0, 0];
  for (let r = 0; r < reps; r++) {
    const c = pbmClicks(table, theta, rng);
    for (let j = 0; j < 3; j++) {
      counts[j] += c.blockClick[j];
      clicks[j] += c.clicks[j];
    }
  }
  for (let j = 0; j < 3; j++) {
    const p = exact[j], se = Math.sqrt(p * (1 - p) / reps);
    assert(
      Math.abs(counts[j] / reps - p) <= 4 * se + 1e-12,
      `user ${j}: ${counts[j] / reps} vs ${p}`,
    );
  }
  // expected clicks Σ θ_p rel_p: 1.2, 0.6, 0
  assert(Math.abs(clicks[0] / reps - 1.2) < 0.02 && Math.abs(clicks[1] / reps - 0.6) < 0.02);
  assertEquals(clicks[2], 0);
});

Deno.test("clicks fall only on relevant positions; k uniforms per user whatever the list", () => {
  const c = pbmClicks(table, Float64Array.of(1, 1, 1, 1), new Rng(1));
  assertEquals(Array.from(c.clicked), Array.from(table.hits), "all examined: clicks = hits");
  // the same seed gives the same examinations to another arm's rows
  let drawn = 0;
  pbmClicks(table, theta, { next: () => (drawn++, 0.5) });
  assertEquals(drawn, 12);
  const other = hitTable(
    Int32Array.of(3, 1, 2, 4, 2, 1, 3, 4, 9, 9, 9, 9),
    4,
    relOffsets,
    relItems,
  );
  const a = pbmClicks(table, theta, new Rng(9)), b = pbmClicks(other, theta, new Rng(9));
  const u = new Rng(9), draws = Array.from({ length: 12 }, () => u.next());
  for (let s = 0; s < 12; s++) {
    assertEquals(a.clicked[s], table.hits[s] && draws[s] < theta[s % 4] ? 1 : 0);
    assertEquals(b.clicked[s], other.hits[s] && draws[s] < theta[s % 4] ? 1 : 0);
  }
});

Deno.test("default examination is 1/p; too few probabilities is a RangeError naming the need", () => {
  assertEquals(Array.from(defaultExamination(3)), [1, 0.5, 1 / 3]);
  assertThrows(() => pbmClicks(table, Float64Array.of(1, 1), new Rng(1)), RangeError, "need 4");
});
