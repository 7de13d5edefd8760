/**
 * The click-model section: the simulated block CTR of each arm with its
 * exact interval, the examination probabilities used, and the team-draft
 * interleaving experiment (preference, its test, users needed against an
 * A/B test) when it was simulated.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import { fmtInt, fmtInterval, fmtP, fmtPct, fmtSigned, roundSig } from "./_format.ts";
import { levelText } from "./_row_text.ts";
import type { ReportInput } from "./types.ts";

/**
 * Renders the section (nothing when the run simulated no clicks).
 *
 * @example
 * ```ts
 * import { renderClicks } from "./_clicks.ts";
 * const arm = { users: 100, ctr: 0.1, ci: [0.05, 0.18] as [number, number], clicksPerUser: 0.12 };
 * const html = renderClicks({ k: 2, clicks: { examination: [1, 0.5], seed: 1, arms: { control: arm, test: arm }, interleaving: null } } as never).value;
 * if (!html.includes("10.0%") || !html.includes("[5.0%, 18.0%]") || html.includes("Interleaving")) throw new Error(html);
 * if (renderClicks({ k: 2 } as never).value !== "") throw new Error();
 * ```
 */
export function renderClicks(input: ReportInput): SafeHtml {
  const c = input.clicks;
  if (!c) return markup``;
  const level = levelText(input);
  const rows = (["control", "test"] as const).map((n) => {
    const a = c.arms[n];
    return markup`<tr><td>${n}</td><td class="num">${fmtInt(a.users)}</td><td class="num">${
      fmtPct(a.ctr)
    }</td><td class="num">${fmtInterval(a.ci, (x) => fmtPct(x))}</td><td class="num">${
      String(roundSig(a.clicksPerUser, 4))
    }</td></tr>`;
  });
  const il = c.interleaving;
  const need = (n: number | null) => (n === null ? "—" : fmtInt(n));
  const interleaving = il
    ? markup`<h3>Interleaving (team draft)</h3>
<p>Each user's control and test lists merged by team draft; a click counts for the team that
placed the item. Test preferred by <b>${fmtInt(il.wins)}</b> users, control by
<b>${fmtInt(il.losses)}</b>, no preference ${fmtInt(il.ties)}. Mean preference
<b>${fmtSigned(il.preference)}</b> ${fmtInterval(il.ci, fmtSigned)} (${level}), p ${
      fmtP(il.pValue)
    }. To detect this effect an interleaving experiment needs <b>${need(il.usersNeeded)}</b>
users, an A/B test of the block CTR <b>${need(il.abUsersNeeded)}</b> in all: sensitivity ×${
      il.sensitivityRatio === null ? "—" : String(roundSig(il.sensitivityRatio, 3))
    }.</p>`
    : null;
  return markup`<section class="card" id="clicks"><h2>Simulated clicks</h2>
<p>Position-based click model: position p is examined with probability θ_p
(${c.examination.map((x) => String(roundSig(x, 3))).join(", ")}), an examined relevant item is
clicked. Block CTR = share of users with at least one click (seed ${String(c.seed)}); the
CTR@${String(input.k)} row of the metrics table compares the arms.</p>
<table class="tbl"><thead><tr><th>arm</th><th>users</th><th>block CTR</th><th>${level} interval (exact)</th><th>clicks per user</th></tr></thead>
<tbody>${rows}</tbody></table>${interleaving}</section>`;
}
