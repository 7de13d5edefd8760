/**
 * The scenario's experiment-design sections. `clicks`: defaults, the
 * examination vector's length against eval.k, interleaving only in paired
 * mode, and CTR@k in the gate only with a click model. `cuped`: its
 * covariate. `sequential`: defaults and the monitored metric. Each problem
 * located, with its fix.
 */
import { base, FILE, problems } from "./_problems.ts";
import { assertEquals } from "../_assert.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";

Deno.test("clicks: absent stays absent; {} gets seed 1, no interleaving, examination 1/p later", () => {
  assertEquals(resolveScenario(base(), FILE).clicks, undefined);
  assertEquals(resolveScenario(base({ clicks: {} }), FILE).clicks, {
    seed: 1,
    interleaving: false,
  });
  const s = resolveScenario(
    base({ eval: { k: 2 }, clicks: { examination: [0.9, 0.4], interleaving: true } }),
    FILE,
  );
  assertEquals(s.clicks, { examination: [0.9, 0.4], seed: 1, interleaving: true });
});

Deno.test("clicks: wrong length, bad probability, interleaving in A/B, CTR gate without clicks", () => {
  assertEquals(problems(base({ eval: { k: 3 }, clicks: { examination: [1, 0.5] } })), [
    "clicks.examination: 2 examination probabilities for a list of k = 3 positions",
  ]);
  assertEquals(problems(base({ eval: { k: 1 }, clicks: { examination: [1.5] } })), [
    "clicks.examination[0]: expected a number from 0 to 1, found 1.5",
  ]);
  assertEquals(problems(base({ mode: { type: "ab" }, clicks: { interleaving: true } })), [
    'clicks.interleaving: interleaving needs both arms\' lists for every user, but mode.type is "ab"',
  ]);
  assertEquals(
    problems(
      base({
        gate: {
          primary: { metric: "NDCG@10" },
          guardrails: [{ metric: "CTR@10", maxDegradation: 0.1 }],
        },
      }),
    ),
    ['gate.guardrails[0].metric: "CTR@10" is the simulated block CTR, but the scenario has no clicks section'],
  );
  assertEquals(
    problems(base({ clicks: {}, gate: { primary: { metric: "WarmCTR@10" } } }))[0].split(":")[0],
    "gate.primary.metric",
  );
  // with a click model CTR@k is a metric like any other, at eval.k only
  resolveScenario(base({ clicks: {}, gate: { primary: { metric: "CTR@10" } } }), FILE);
  assertEquals(problems(base({ clicks: {}, gate: { primary: { metric: "CTR@5" } } })), [
    'gate.primary.metric: metric "CTR@5" is measured at k = 5, but eval.k is 10 (did you mean "CTR@10"?)',
  ]);
});

Deno.test("cuped and sequential: defaults, covariate names, the monitored metric", () => {
  const s = resolveScenario(base({ cuped: {}, sequential: {} }), FILE);
  assertEquals(s.cuped, { covariate: "recent" });
  assertEquals(s.sequential, { tuning: 5000, aaSalts: 1000 });
  assertEquals(resolveScenario(base(), FILE).sequential, undefined);
  assertEquals(problems(base({ cuped: { covariate: "histroy" } })), [
    'cuped.covariate: expected one of "history", "recent", found "histroy" (did you mean "history"?)',
  ]);
  assertEquals(problems(base({ sequential: { metric: "Coverage@10" } })), [
    'sequential.metric: "Coverage@10" has no per-user values to monitor day by day',
  ]);
  assertEquals(problems(base({ sequential: { metric: "NDCG@5" } })), [
    'sequential.metric: metric "NDCG@5" is measured at k = 5, but eval.k is 10 (did you mean "NDCG@10"?)',
  ]);
  assertEquals(problems(base({ sequential: { metric: "CTR@10" } })), [
    'sequential.metric: "CTR@10" is the simulated block CTR, but the scenario has no clicks section',
  ]);
  assertEquals(problems(base({ sequential: { tuning: 0, aaSalts: -1 } })).length, 2);
});
