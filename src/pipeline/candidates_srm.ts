/**
 * The SRM check of an A/B run with several candidates: users served per arm
 * (control and each candidate; failures excluded) against the weights, one
 * chi-square test over all N + 1 arms.
 *
 * @module
 */
import type { SrmCheck } from "../compare/mod.ts";
import type { Scenario } from "../scenario/mod.ts";
import { srmTest } from "../stats/mod.ts";
import type { CandidateRun } from "./run.ts";

/** The check over all arms of `candidates`' run of `scenario` (null in paired mode). */
export function candidatesSrm(scenario: Scenario, candidates: CandidateRun[]): SrmCheck | null {
  if (scenario.mode.type !== "ab" || candidates.length === 0) return null;
  const served = (a: CandidateRun["result"]["arms"]["test"]) =>
    a.served.users.length - a.served.failedUsers;
  const observed = [
    served(candidates[0].result.arms.control),
    ...candidates.map((c) => served(c.result.arms.test)),
  ];
  const weights = scenario.mode.weights;
  return {
    ...srmTest(observed, weights, { srmAlpha: scenario.stats.srmAlpha }),
    observed,
    weights,
  };
}
