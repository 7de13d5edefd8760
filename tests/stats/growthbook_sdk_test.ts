/**
 * Conformance with the official GrowthBook JavaScript SDK (dev-only: the npm
 * package `@growthbook/growthbook` is imported by this test alone, never by
 * src/, and is not among the libraries a run records). For several
 * experiment definitions — hash versions 1 and 2, seeds and keys, unequal
 * weights, partial coverage, a namespace, another hashAttribute — every one
 * of 12,000 users is bucketed by the SDK (`new GrowthBook({ attributes }).run(experiment)`)
 * and by abreplay's path from a scenario's `mode.growthbook` (resolveScenario →
 * assignUsers); the arms must agree for every user, users outside the
 * experiment included. The count of mismatches is printed (and must be 0).
 */
// Dev-only: pinned here, not in deno.json (whose imports are the libraries abreplay runs on).
// deno-lint-ignore no-import-prefix
import { GrowthBook } from "npm:@growthbook/growthbook@1.8.0";
import { assert, assertEquals } from "../_assert.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";
import { assignUsers } from "../../src/replay/mod.ts";
import { runScenario } from "../../src/pipeline/mod.ts";
import type { Dataset } from "../../src/data/mod.ts";
import type { Holdout } from "../../src/split/mod.ts";

const N = 12_000;
/** Ids of several shapes: abreplay-like, numeric, UUID-like, non-ASCII (UTF-16 surrogates). */
const USERS = Array.from(
  { length: N },
  (_, i) =>
    i % 4 === 0
      ? `user-${i}`
      : i % 4 === 1
      ? String(1_000_000 + i * 7919)
      : i % 4 === 2
      ? `${(i * 2654435761 >>> 0).toString(16)}-4a1b-${i.toString(36)}`
      : `lecteur-é-${i}-😀`,
);

const DEFINITIONS: Record<string, unknown>[] = [
  { key: "rec-ranker", hashVersion: 2 },
  { key: "rec-ranker" }, // no hashVersion: the SDK uses 1
  { key: "rec-ranker", hashVersion: 1, weights: [0.2, 0.8], coverage: 0.6 },
  { key: "k", seed: "seed-42", hashVersion: 2, weights: [0.9, 0.1], coverage: 0.05 },
  { key: "k", seed: "", hashVersion: 2, weights: [0.333, 0.667] }, // empty seed: the key
  { key: "ns-exp", hashVersion: 2, namespace: ["books", 0.25, 0.75], coverage: 0.8 },
  { key: "attr", hashAttribute: "user_id", hashVersion: 1, weights: [0.5, 0.495] },
];

/** The SDK's variation per user (−1: not in the experiment). */
function sdkArms(def: Record<string, unknown>): number[] {
  const attribute = (def.hashAttribute as string | undefined) ?? "id";
  return USERS.map((id) => {
    const gb = new GrowthBook({ attributes: { [attribute]: id } });
    const r = gb.run({ ...def, variations: ["control", "test"] } as never);
    gb.destroy();
    return r.inExperiment ? r.variationId : -1;
  });
}

/** abreplay's arm per user, through a scenario holding the definition. */
function abreplayArms(def: Record<string, unknown>): number[] {
  const s = resolveScenario({
    name: "gb",
    data: { generate: {} },
    control: { type: "popular" },
    test: { type: "random" },
    mode: { type: "ab", growthbook: def },
  }, "");
  const ds = { userIds: USERS } as unknown as Dataset;
  const holdout = { evalUsers: Int32Array.from(USERS, (_, i) => i) } as unknown as Holdout;
  const a = assignUsers(s, ds, holdout);
  const arms = new Array<number>(N).fill(-1);
  for (const j of a.rows.control) arms[j] = 0;
  for (const j of a.rows.test) arms[j] = 1;
  assertEquals(a.excluded, arms.filter((x) => x < 0).length);
  return arms;
}

Deno.test("GrowthBook SDK conformance: 12,000 users × 7 definitions, 0 mismatches", () => {
  let mismatches = 0, excludedTotal = 0;
  for (const def of DEFINITIONS) {
    const sdk = sdkArms(def), ours = abreplayArms(def);
    const bad = sdk.filter((v, i) => v !== ours[i]).length;
    const excluded = sdk.filter((v) => v < 0).length;
    console.log(
      `  ${JSON.stringify(def)}: ${bad} mismatches; control ${
        sdk.filter((v) => v === 0).length
      }, ` +
        `test ${sdk.filter((v) => v === 1).length}, excluded ${excluded}`,
    );
    mismatches += bad;
    excludedTotal += excluded;
  }
  console.log(
    `GrowthBook conformance: ${mismatches} mismatches over ${N * DEFINITIONS.length} assignments`,
  );
  assertEquals(mismatches, 0);
  assert(
    excludedTotal > N,
    "the definitions exclude users (coverage, namespace), so exclusion is tested",
  );
});

Deno.test("the default A/B bucketing (no mode.growthbook) is the SDK's hash v2 with seed = salt", () => {
  const s = resolveScenario({
    name: "gb",
    data: { generate: {} },
    control: { type: "popular" },
    test: { type: "random" },
    mode: { type: "ab", salt: "my-salt", weights: [0.3, 0.7], coverage: 0.9 },
  }, "");
  const ds = { userIds: USERS } as unknown as Dataset;
  const holdout = { evalUsers: Int32Array.from(USERS, (_, i) => i) } as unknown as Holdout;
  const a = assignUsers(s, ds, holdout);
  const sdk = sdkArms({
    key: "x",
    seed: "my-salt",
    hashVersion: 2,
    weights: [0.3, 0.7],
    coverage: 0.9,
  });
  assertEquals(Array.from(a.rows.control), sdk.flatMap((v, i) => v === 0 ? [i] : []));
  assertEquals(Array.from(a.rows.test), sdk.flatMap((v, i) => v === 1 ? [i] : []));
});

Deno.test("a run of an A/B scenario with a GrowthBook definition file serves the SDK's arms", async () => {
  const dir = await Deno.makeTempDir();
  const def = { key: "ranker", hashVersion: 1, weights: [0.4, 0.6], coverage: 0.7 };
  await Deno.writeTextFile(`${dir}/experiment.json`, JSON.stringify(def));
  const s = resolveScenario({
    name: "gb-run",
    data: { generate: { seed: 5, users: 400, items: 250, interactions: 12000 } },
    control: { type: "popular" },
    test: { type: "random" },
    mode: { type: "ab", growthbook: "experiment.json" },
    stats: { B: 200 },
  }, `${dir}/s.json`);
  const r = await runScenario(s);
  const ids = Array.from(r.holdout.evalUsers, (u) => r.dataset.userIds[u]);
  const sdk = ids.map((id) => {
    const gb = new GrowthBook({ attributes: { id } });
    const x = gb.run({ ...def, variations: [0, 1] } as never);
    gb.destroy();
    return x.inExperiment ? x.variationId : -1;
  });
  assertEquals(Array.from(r.arms.control.rows), sdk.flatMap((v, j) => v === 0 ? [j] : []));
  assertEquals(Array.from(r.arms.test.rows), sdk.flatMap((v, j) => v === 1 ? [j] : []));
  assertEquals(r.excluded, sdk.filter((v) => v < 0).length);
  assert(r.excluded > 0);
  assertEquals(r.comparison.srm?.weights, [0.4, 0.6]); // SRM against the experiment's weights
  await Deno.remove(dir, { recursive: true });
});
