/**
 * Plain-language definitions of every metric and statistic the report shows:
 * the glossary section, and the links (`<a class="term">`, with the short
 * definition as tooltip) that point at it from the verdict, cards, tables and
 * charts. Constant text: no input string is part of a definition.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { baseMetric } from "./_rows.ts";
import type { ReportInput } from "./types.ts";

/** Which direction of a metric is an improvement. */
export type Better = "higher" | "lower" | "neither";

/** A metric's definition at cutoff k. */
interface MetricDef {
  /** One line, for tooltips. */
  short: (k: number) => string;
  /** The formula or the detail, for the glossary. */
  more: string;
  better: Better;
}

/** Metrics of PROTOCOL §4 and §4.1, keyed by name without segment prefix and `@k`. */
const METRICS: Record<string, MetricDef> = {
  NDCG: {
    short: (k) =>
      `How high the books a user went on to read are ranked in the top ${k}: 1 = all at the top, 0 = none in the list.`,
    more: "DCG / IDCG with DCG = Σ rel_p / log2(p + 1) over positions p; a hit lower in the list " +
      "counts less. Mean over users.",
    better: "higher",
  },
  Recall: {
    short: (k) => `Share of the books a user went on to read that are in their top ${k}.`,
    more: "|top-k ∩ relevant| / |relevant|, mean over users.",
    better: "higher",
  },
  Precision: {
    short: (k) => `Share of the ${k} recommended slots that hold a book the user went on to read.`,
    more: "|top-k ∩ relevant| / k, mean over users.",
    better: "higher",
  },
  HitRate: {
    short: (k) => `Share of users with at least one book they went on to read in their top ${k}.`,
    more: "1 when the list has a hit, else 0; mean over users.",
    better: "higher",
  },
  MRR: {
    short: (k) =>
      `Mean reciprocal rank: 1 / position of the first book the user went on to read in the top ${k} (0 if none).`,
    more: "1 = the first slot is a hit, 0.5 = the second, …; mean over users.",
    better: "higher",
  },
  Coverage: {
    short: (k) =>
      `Share of the catalog that appears in at least one user's top ${k}: how much of the catalog gets recommended.`,
    more:
      "|∪ top-k| / |catalog|. Coverage grows with the number of users, so the arms are compared " +
      "at equal size: the mean over seeded half-samples of the same number of users per arm (shown in " +
      "the row), with the half-samples' spread as its interval.",
    better: "higher",
  },
  CTR: {
    short: (k) =>
      `Simulated block CTR: share of users who click at least one of the top ${k} under the position-based click model.`,
    more:
      "Position p is examined with probability θ_p (the scenario's clicks.examination, default " +
      "1/p); an examined relevant item is clicked. 1 when a user clicks at least once, else 0; " +
      "mean over users.",
    better: "higher",
  },
  Novelty: {
    short: (k) =>
      `How unfamiliar the top ${k} is: mean self-information −log2(share of train users who read the book).`,
    more: "Higher means less popular books are recommended.",
    better: "neither",
  },
  ARP: {
    short: (k) => `Average popularity (train readers) of the books in the top ${k}.`,
    more: "Lower means less popular books are recommended.",
    better: "neither",
  },
  LongTailShare: {
    short: (k) =>
      `Share of the top ${k} outside the head (the most popular books holding 80% of reads).`,
    more: "Higher means more long-tail books are recommended.",
    better: "neither",
  },
  "ILD-content": {
    short: (k) =>
      `How different the books in one top ${k} are in content: 1 − mean TF-IDF cosine of its pairs.`,
    more:
      "Content vectors of title, authors, series, shelves and description (the content model's " +
      "defaults); a book without content is dissimilar to all. Lists of fewer than 2 books are left out.",
    better: "neither",
  },
  "ILD-author": {
    short: (k) =>
      `How different the books in one top ${k} are in author: 1 − share of its pairs by a shared author.`,
    more:
      "A diversity cap per author raises it. Lists of fewer than 2 books are left out of the mean.",
    better: "neither",
  },
  Gini: {
    short: (k) => `Inequality of how often each catalog book is recommended in the top ${k} lists.`,
    more: "0 = every book equally often, 1 = all slots on one book. Like coverage it depends on " +
      "the number of users, so the arms are compared at equal size over half-samples.",
    better: "neither",
  },
  Entropy: {
    short: (k) => `Spread of the top ${k} recommendations over the catalog, in bits.`,
    more:
      "Higher means recommendations are spread over more books (log2 of the catalog at most). " +
      "Compared at equal size over half-samples, like coverage.",
    better: "neither",
  },
  "IPS-NDCG": {
    short: (k) => `NDCG@${k} with rarely read books weighted up, to correct for popularity bias.`,
    more:
      "Each relevant book weighs share^−γ (share = train readers / train users, at least 1 / users; " +
      "γ = eval.ipsGamma, 0.5 by default).",
    better: "higher",
  },
  "IPS-Recall": {
    short: (k) => `Recall@${k} with rarely read books weighted up, to correct for popularity bias.`,
    more: "Σ weights of hits / Σ weights of relevant books.",
    better: "higher",
  },
};

/** Statistics and report terms, in glossary order. */
const STATS: [string, string, string][] = [
  ["control", "Control / test", "Control is the current recommender, test the candidate."],
  ["delta", "Δ (difference)", "Test − control, in the metric's own units."],
  [
    "lift",
    "Lift",
    "Δ / control, in percent: +10% means the test arm's value is 1.1 times the control's. " +
    "It has no value when the control's value is 0; then Δ is shown instead.",
  ],
  [
    "ci",
    "95% interval (CI)",
    "The range of true values the data are compatible with. Narrow = precise. With few users a lift's " +
    "interval can have no upper (+∞) or lower (−∞) limit.",
  ],
  [
    "significant",
    "Significant",
    "The interval excludes 0: the lift's interval (Δ's when there is no lift). ▲ / ▼ and colour mark " +
    "significant rows in the verdict, cards, tables and charts alike. The gate compares the same " +
    "interval with its thresholds.",
  ],
  [
    "p",
    "p-value",
    "How surprising the difference would be if the arms were truly equal (normal approximation, " +
    "two-sided). Shown for reference: significance is decided by the interval, and the two can " +
    "disagree near the border (marked †).",
  ],
  [
    "holm",
    "Holm-adjusted p",
    "p-values adjusted for testing several gated metrics at once (PROTOCOL §6). Reported for the " +
    "protocol, not used by the gate: admission needs every rule to pass, which already bounds the " +
    "chance of a wrong admission.",
  ],
  [
    "bootstrap",
    "Bootstrap",
    "Resampling the users B times (seeded) and recomputing the metrics to see how much they vary.",
  ],
  [
    "bca",
    "BCa",
    "Bias-corrected and accelerated bootstrap interval. The lift's BCa interval is the set of lifts τ " +
    "for which the BCa interval of test − (1 + τ)·control contains 0.",
  ],
  [
    "percentile",
    "Percentile interval",
    "The 2.5% and 97.5% quantiles of the bootstrap replicates.",
  ],
  [
    "mc",
    "Monte Carlo error",
    "The bootstrap is random; ± is the standard deviation of an interval bound from that randomness. " +
    "The gate does not decide while a bound is within its Monte Carlo error of a threshold.",
  ],
  [
    "mde",
    "MDE (minimum detectable effect)",
    "The smallest true lift this run would detect with the stated power. It shrinks as 1/√users.",
  ],
  [
    "power",
    "Power",
    "The chance that a test detects a true effect of a given size (80% is usual).",
  ],
  [
    "oc",
    "Operating characteristic",
    "For each possible true lift, the chance that the gate admits or rejects the candidate at this " +
    "run's size. Ideally near 0% admission left of the threshold and near 100% well right of it.",
  ],
  [
    "aa",
    "A/A test",
    "The control compared with itself on random splits: every admit or reject is a false alarm.",
  ],
  [
    "srm",
    "Sample-ratio mismatch (SRM)",
    "A chi-square test that the users served per arm match the configured split; a mismatch points " +
    "to a bug in assignment or serving.",
  ],
  [
    "paired",
    "Paired replay / A/B split",
    "Paired: every user is served by both arms and compared with themself (more precise). A/B: each " +
    "user is served by one arm, as in a live experiment.",
  ],
  [
    "segments",
    "Segments (overall, warm, cold)",
    "Overall counts every book a user went on to read. Warm counts only books with enough readers in " +
    "training; cold only books new or rare in training (metrics prefixed Warm / Cold), over users who " +
    "read such a book.",
  ],
  [
    "primary",
    "Primary metric",
    "The metric the gate's decision rests on: the lift's interval must lie above the required lift " +
    "(or, for non-inferiority, above −margin).",
  ],
  [
    "guardrail",
    "Guardrail",
    "A metric that may not get worse by more than a stated share: its lift's interval must lie above " +
    "−(max degradation).",
  ],
  [
    "latency",
    "Serving latency and errors",
    "Time to answer one request (median p50, 95th and 99th percentiles p95, p99): one call to a " +
    "service for an HTTP arm, one user of a serving batch (the batch's time / its users) for a model " +
    "run in-process. Failed: users whose request failed (error, timeout, malformed answer) after " +
    "retries; they get an empty list (scored 0) and count as not served in the A/B split check.",
  ],
];

const STAT_SHORT: Record<string, string> = Object.fromEntries(STATS.map(([id, , d]) => [id, d]));

/** The glossary key of a metric name: without segment prefix and `@k` (`ColdNDCG@10` → `NDCG`). */
export function metricKey(metric: string): string {
  return baseMetric(metric).replace(/@\d+$/, "");
}

/**
 * Which direction of the metric is an improvement (`neither` when unknown).
 *
 * @example
 * ```ts
 * import { better } from "./_glossary.ts";
 * if (better("ColdNDCG@10") !== "higher" || better("ARP@10") !== "neither" || better("Odd@5") !== "neither") throw new Error();
 * ```
 */
export function better(metric: string): Better {
  return METRICS[metricKey(metric)]?.better ?? "neither";
}

/** The glossary anchor of a metric. */
export function metricAnchor(metric: string): string {
  return `g-metric-${metricKey(metric)}`;
}

/** The one-line definition of a metric at `k` (with its segment), or null when unknown. */
export function metricShort(metric: string, k: number): string | null {
  const def = METRICS[metricKey(metric)];
  if (!def) return null;
  const seg = /^Cold[A-Z]/.test(metric)
    ? " Cold: only books new or rare in training count."
    : /^Warm[A-Z]/.test(metric)
    ? " Warm: only books with enough readers in training count."
    : "";
  const at = /@(\d+)$/.exec(metric); // a run with several cut-offs: the metric's own k
  return def.short(at ? Number(at[1]) : k) + seg;
}

/**
 * A metric name linked to its glossary entry, its definition as tooltip.
 *
 * @example
 * ```ts
 * import { metricLink } from "./_glossary.ts";
 * const a = metricLink("ColdRecall@10", 10).value;
 * if (!a.includes('href="#g-metric-Recall"') || !a.includes("Cold: only books") || !a.includes(">ColdRecall@10</a>")) throw new Error(a);
 * ```
 */
export function metricLink(metric: string, k: number): SafeHtml {
  const short = metricShort(metric, k);
  return short
    ? markup`<a class="term" href="#${metricAnchor(metric)}" title="${short}">${metric}</a>`
    : markup`${metric}`;
}

/**
 * A statistics term linked to its glossary entry; `text` defaults to the term.
 *
 * @example
 * ```ts
 * import { termLink } from "./_glossary.ts";
 * if (!termLink("holm", "Holm p").value.startsWith('<a class="term" href="#g-holm" title="p-values adjusted')) throw new Error();
 * ```
 */
export function termLink(id: string, text?: string): SafeHtml {
  const entry = STATS.find(([key]) => key === id);
  if (!entry) throw new Error(`no glossary term ${id}`);
  return markup`<a class="term" href="#g-${id}" title="${STAT_SHORT[id]}">${text ?? entry[1]}</a>`;
}

/** The glossary: every metric the input shows (unknown ones say so), then the statistics terms. */
export function renderGlossary(input: Pick<ReportInput, "metrics" | "k">): SafeHtml {
  const keys = [...new Set(input.metrics.map((r) => metricKey(r.metric)))];
  const metrics = keys.map((key) => {
    const def = METRICS[key];
    const names = input.metrics.filter((r) => metricKey(r.metric) === key).map((r) => r.metric);
    const body = def
      ? markup`${def.short(input.k)} <span class="muted">${def.more}${
        def.better === "higher" ? " Higher is better." : ""
      }</span>`
      : markup`<span class="muted">No definition in this version of the report.</span>`;
    return markup`<div class="gl" id="g-metric-${key}"><dt>${key}@${input.k}</dt>
<dd>${body}<div class="small muted">Shown as ${names.join(", ")}.</div></dd></div>`;
  });
  const stats = STATS.map(([id, term, text]) =>
    markup`<div class="gl" id="g-${id}"><dt>${term}</dt><dd>${text}</dd></div>`
  );
  return markup`<section class="card" id="glossary"><h2>Glossary</h2>
<p class="small muted">Underlined terms anywhere in the report link here; hover them for the short definition.</p>
<div class="glossary-cols"><div><h3>Metrics</h3><dl class="glossary">${metrics}</dl></div>
<div><h3>Statistics</h3><dl class="glossary">${stats}</dl></div></div></section>`;
}
