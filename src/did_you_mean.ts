/**
 * "Did you mean" suggestions for error messages: the closest known name to
 * a misspelt one (a recommender type, a param, a metric, a dataset, a key).
 *
 * @module
 */

/**
 * ` (did you mean "x"?)` for the closest candidate within edit distance 2, else "".
 *
 * @example
 * ```ts
 * import { didYouMean } from "./did_you_mean.ts";
 * if (didYouMean("neighbors", ["neighbours"]) !== ' (did you mean "neighbours"?)') throw new Error();
 * ```
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  let best = "";
  let bestD = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best ? ` (did you mean "${best}"?)` : "";
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
