/**
 * Example users: recent history and each arm's top-k, with titles,
 * explanations, and hits (items in the user's relevant test set) marked.
 *
 * @module
 */
import { markup, type SafeHtml } from "./_html.ts";
import type { ReportInput, ReportItem } from "./types.ts";

type Example = ReportInput["examples"][number];

/** The item's title, or a muted "untitled" with its id when the book data has none. */
function itemTitle(item: ReportItem): SafeHtml {
  return item.title !== ""
    ? markup`${item.title}`
    : markup`<span class="untitled">untitled #${item.itemId}</span>`;
}

function renderItem(i: ReportItem): SafeHtml {
  const mark = i.hit
    ? markup`<span class="hitmark" aria-label="hit">✓ hit</span>`
    : markup`<span class="id">${i.itemId}</span>`;
  const why = i.explanation ? markup`<span class="why">${i.explanation}</span>` : null;
  return markup`<li class="${i.hit ? "hit" : ""}"><span class="title" title="${i.itemId}">${
    itemTitle(i)
  }</span>${mark}${why}</li>`;
}

function renderTopK(label: string, role: string, items: ReportItem[]): SafeHtml {
  const hits = items.filter((i) => i.hit).length;
  const list = items.length === 0
    ? markup`<p class="small muted">no recommendations</p>`
    : markup`<ol class="topk">${items.map(renderItem)}</ol>`;
  return markup`<div><h4><span>${label} <span class="muted">· ${role}</span></span>
<span class="muted">${hits} / ${items.length} hits</span></h4>${list}</div>`;
}

function renderExample(ex: Example, arms: ReportInput["arms"]): SafeHtml {
  const history = ex.history.length === 0
    ? "none"
    : markup`<ol>${
      ex.history.map((i) => markup`<li title="${i.itemId}">${itemTitle(i)}</li>`)
    }</ol>`;
  const control = renderTopK(arms.control.label, "control", ex.control);
  const test = renderTopK(arms.test.label, "test", ex.test);
  return markup`<article class="example"><h3>User <span class="mono">${ex.userId}</span></h3>
<div class="history"><b>Recent history (${ex.history.length}):</b> ${history}</div>
<div class="lists">${control}${test}</div></article>`;
}

/**
 * The examples section.
 *
 * @example
 * ```ts
 * import { renderExamples } from "./_examples.ts";
 * const arms = { control: { label: "a" }, test: { label: "b" } };
 * const bad = { itemId: "i1", title: "<img src=x onerror=alert(1)>", hit: true };
 * const examples = [{ userId: "u1", history: [bad], control: [], test: [bad] }];
 * const out = renderExamples({ arms, examples } as never).value;
 * if (out.includes("<img") || !out.includes("&lt;img src=x onerror=alert(1)&gt;")) throw new Error(out);
 * if (!out.includes("1 / 1 hits")) throw new Error(out);
 * ```
 */
export function renderExamples(input: Pick<ReportInput, "examples" | "arms" | "k">): SafeHtml {
  const body = input.examples.length === 0
    ? markup`<p class="na">Not available: no example users in this run.</p>`
    : markup`<div class="examples">${
      input.examples.map((ex) => renderExample(ex, input.arms))
    }</div>`;
  return markup`<section class="card" id="examples"><h2>Example users</h2>
<p class="small muted">Each user's most recent reads in training, then each arm's top-${input.k}. Highlighted items with ✓ are hits: books the user went on to read after the split. "Untitled" books have no title in the book data.</p>
${body}</section>`;
}
