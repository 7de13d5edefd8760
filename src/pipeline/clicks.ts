/**
 * The scenario's click model on a run (`clicks` section): simulated PBM
 * clicks on each arm's lists give the per-user block click `CTR@k`, added to
 * the arm's overall segment so the comparison, the gate, the report and the
 * outputs pick it up like any metric; the per-arm CTR with its exact
 * interval; and, on request, team-draft interleaving of the two arms under
 * the same click model.
 *
 * Streams (one home for the click seeds): paired arms share one examination
 * stream (the same user examines the same positions under both rankers:
 * common random numbers, which the paired comparison's per-user deltas
 * rely on); in A/B mode each arm has its own stream, so the arms stay
 * independent as the unpaired bootstrap assumes. Interleaving draws its
 * coins and its examinations from two further streams.
 *
 * @module
 */
import {
  type ArmEvaluation,
  defaultExamination,
  hitTable,
  meanOf,
  type PbmClicks,
  pbmClicks,
  truncateLists,
} from "../metrics/mod.ts";
import { teamDraft, teamPreference } from "../replay/mod.ts";
import { type InterleavingResult, interleavingTest } from "../compare/mod.ts";
import { clopperPearson, type Interval } from "../stats/mod.ts";
import { Rng } from "../rng/mod.ts";
import { mainCutoff, replayLength, type Scenario } from "../scenario/mod.ts";

/** One arm's simulated block CTR. */
export interface ArmCtr {
  /** Users (impressions of the block). */
  users: number;
  /** Users who clicked at least once. */
  clickedUsers: number;
  /** `clickedUsers / users`. */
  ctr: number;
  /** Clopper–Pearson interval of `ctr` at `1 − stats.alpha`. */
  ci: Interval;
  /** Mean clicks per user. */
  clicksPerUser: number;
}

/** What the click model showed on a run. */
export interface ClicksResult {
  /** Clicks are drawn (not replaced by their expectations). */
  method: "simulated";
  /** Examination probability per position 1..k, as used. */
  examination: number[];
  /** Seed of the click streams. */
  seed: number;
  /** Each arm's block CTR. */
  arms: Record<"control" | "test", ArmCtr>;
  /** Team-draft interleaving under the same model (null when not asked for). */
  interleaving: InterleavingResult | null;
}

/** The metric name of the block CTR at list length `k`. */
export const ctrName = (k: number): string => `CTR@${k}`;

/** The examination vector of `scenario` (its own, or 1/p). */
export function examinationOf(scenario: Scenario): Float64Array {
  const e = scenario.clicks?.examination;
  return e ? Float64Array.from(e) : defaultExamination(mainCutoff(scenario.eval.k));
}

/** An arm's replayed lists cut to the click model's length, the main cut-off of `eval.k`. */
function blockLists(scenario: Scenario, lists: Int32Array): { lists: Int32Array; k: number } {
  const k = mainCutoff(scenario.eval.k), stride = replayLength(scenario.eval.k);
  return { lists: stride === k ? lists : truncateLists(lists, stride, k), k };
}

/** The seeds of the click streams: `[arm 0, arm 1, interleaving coins, interleaving clicks]`. */
function streamSeed(scenario: Scenario, stream: number): number {
  return (scenario.clicks?.seed ?? 0) * 4 + stream;
}

/**
 * Simulates the clicks of one arm's lists and adds `CTR@k` to the overall
 * segment of `evaluation` (in place). Null when the scenario has no click model.
 */
export function addClicks(
  scenario: Scenario,
  evaluation: ArmEvaluation,
  lists: Int32Array,
  rel: { offsets: Int32Array; values: Int32Array },
  arm: "control" | "test",
): PbmClicks | null {
  if (!scenario.clicks) return null;
  const { lists: block, k } = blockLists(scenario, lists);
  const stream = scenario.mode.type === "paired" || arm === "control" ? 0 : 1;
  const t = hitTable(block, k, rel.offsets, rel.values);
  const clicks = pbmClicks(t, examinationOf(scenario), new Rng(streamSeed(scenario, stream)));
  const overall = evaluation.segments.overall;
  const v = Float64Array.from(overall.rows, (j) => clicks.blockClick[j]);
  overall.perUser[ctrName(k)] = v;
  overall.mean[ctrName(k)] = meanOf(v);
  return clicks;
}

/** Inputs of {@linkcode clicksResult}. */
export interface ClicksInput {
  /** Each arm's simulated clicks (from {@linkcode addClicks}). */
  clicks: Record<"control" | "test", PbmClicks>;
  /** Each arm's lists (rows aligned in paired mode). */
  lists: Record<"control" | "test", Int32Array>;
  /** The relevant sets of the rows (paired mode: shared by both arms). */
  rel: { offsets: Int32Array; values: Int32Array };
}

/** The per-arm CTRs and, when asked for, the interleaving experiment. */
export function clicksResult(scenario: Scenario, input: ClicksInput): ClicksResult {
  const confidence = 1 - scenario.stats.alpha;
  const armCtr = (c: PbmClicks): ArmCtr => {
    let clicked = 0;
    for (const b of c.blockClick) clicked += b;
    const users = c.blockClick.length;
    return {
      users,
      clickedUsers: clicked,
      ctr: users ? clicked / users : NaN,
      ci: users ? clopperPearson(clicked, users, confidence) : [NaN, NaN],
      clicksPerUser: meanOf(c.clicks),
    };
  };
  const examination = examinationOf(scenario);
  let interleaving: InterleavingResult | null = null;
  if (scenario.clicks?.interleaving && scenario.mode.type === "paired") {
    const { lists: control, k } = blockLists(scenario, input.lists.control);
    const mixed = teamDraft(
      control,
      blockLists(scenario, input.lists.test).lists,
      k,
      new Rng(streamSeed(scenario, 2)),
    );
    const t = hitTable(mixed.lists, k, input.rel.offsets, input.rel.values);
    const clicked = pbmClicks(t, examination, new Rng(streamSeed(scenario, 3))).clicked;
    interleaving = interleavingTest(
      teamPreference(mixed.team, clicked, k),
      input.clicks.control.blockClick,
      input.clicks.test.blockClick,
      { alpha: scenario.stats.alpha, power: scenario.stats.power },
    );
  }
  return {
    method: "simulated",
    examination: Array.from(examination),
    seed: scenario.clicks?.seed ?? 0,
    arms: { control: armCtr(input.clicks.control), test: armCtr(input.clicks.test) },
    interleaving,
  };
}
