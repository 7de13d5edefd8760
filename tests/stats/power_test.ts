// References: the closed forms of PROTOCOL.md §6 evaluated in Python with
// scipy.stats.norm.ppf / norm.cdf (scripts/stats_reference.py, section "power").
import { assert, assertEquals } from "../_assert.ts";
import {
  mde,
  pairedMde,
  pairedUsers,
  powerAt,
  summarize,
  usersPerArm,
} from "../../src/stats/mod.ts";
import { assertThrowsWith as assertThrows, reference, relErr } from "./_reference.ts";

Deno.test("MDE, users per arm and power match the Python closed forms", () => {
  for (const c of reference.power.cases) {
    const opts = { alpha: c.alpha, power: c.power };
    const control = { mean: c.controlMean, sd: c.sdControl, n: c.nControl };
    const test = { mean: c.controlMean, sd: c.sdTest, n: c.nTest };
    const m = mde(control, test, opts);
    assert(relErr(m.absolute, c.mdeAbsolute) < 1e-12, `mde ${m.absolute} vs ${c.mdeAbsolute}`);
    assert(relErr(m.relative, c.mdeRelative) < 1e-12);
    const pm = pairedMde({ mean: 0, sd: c.sdControl, n: c.nControl }, c.controlMean, opts);
    assert(relErr(pm.absolute, c.mdePairedAbsolute) < 1e-12);
    const eq = usersPerArm(c.targetRelative, control, { ...opts, sdTest: c.sdTest });
    assertEquals([eq.control, eq.test], [c.usersPerArmEqual, c.usersPerArmEqual]);
    const w = usersPerArm(c.targetRelative, control, {
      ...opts,
      sdTest: c.sdTest,
      weights: [c.controlWeight, 1 - c.controlWeight],
    });
    assertEquals([w.control, w.test], c.usersWeighted);
    assertEquals(pairedUsers(c.targetRelative, c.controlMean, c.sdControl, opts), c.usersPaired);
    const se = Math.sqrt(c.sdControl ** 2 / c.nControl + c.sdTest ** 2 / c.nTest);
    const p = powerAt(c.targetRelative * c.controlMean, se, { alpha: c.alpha });
    assert(relErr(p, c.powerAtObserved) < 1e-9, `power ${p} vs ${c.powerAtObserved}`);
  }
});

Deno.test("at n = usersPerArm the planned power is reached; the MDE at that n is the target", () => {
  const control = { mean: 0.2, sd: 0.3 };
  const n = usersPerArm(0.05, control).control;
  const se = Math.sqrt((2 * 0.09) / n);
  assert(powerAt(0.01, se) >= 0.8 && powerAt(0.01, Math.sqrt((2 * 0.09) / (n - 1))) < 0.8);
  const m = mde({ ...control, n }, { ...control, n });
  assert(m.relative <= 0.05 && m.relative > 0.0499);
});

Deno.test("summarize gives mean, sample sd and n", () => {
  assertEquals(summarize([2, 4, 4, 4, 5, 5, 7, 9]), { mean: 5, sd: Math.sqrt(32 / 7), n: 8 });
});

Deno.test("invalid input throws RangeError naming the argument", () => {
  const arm = { mean: 1, sd: 1, n: 10 };
  assertThrows(() => mde(arm, arm, { alpha: 0 }), RangeError, "alpha must be in (0, 1), got 0");
  assertThrows(() => mde(arm, arm, { power: 1 }), RangeError, "power must be in (0, 1), got 1");
  assertThrows(() => usersPerArm(0, arm), RangeError, "relativeMde must be > 0, got 0");
  assertThrows(
    () => usersPerArm(0.1, { mean: 0, sd: 1 }),
    RangeError,
    "controlMean must be non-zero, got 0",
  );
  assertThrows(
    () => usersPerArm(0.1, arm, { weights: [1, 0] }),
    RangeError,
    "weights must both be > 0, got [1, 0]",
  );
  assertThrows(() => powerAt(1, 0), RangeError, "se must be > 0, got 0");
  assertThrows(() => summarize([1]), RangeError, "values needs at least 2 entries, got 1");
});
