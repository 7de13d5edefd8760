/**
 * HTML building blocks that escape by construction.
 *
 * {@linkcode markup} is a tagged template: every interpolated string or number
 * is HTML-escaped (text and quoted attributes alike), arrays are joined, and
 * only {@linkcode SafeHtml} values (the result of another `markup` template, or
 * of {@linkcode trusted} for constant CSS/JS) pass through unchanged. Data for
 * the page script goes through {@linkcode jsonScript}, never into markup.
 *
 * The tag is not called `html` on purpose: `deno fmt` reformats the text of
 * `html`-tagged templates, which would change the bytes of the report.
 *
 * @module
 */

/** Markup that is already safe to insert into a document. */
export class SafeHtml {
  /** The markup. */
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  /** The markup, so `${safe}` in plain strings works too. */
  toString(): string {
    return this.value;
  }
}

/** What may be interpolated into {@linkcode markup}; `null`, `undefined` and `false` render nothing. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes `& < > " '`, so the result is safe as element text and as a quoted
 * attribute value.
 *
 * @example
 * ```ts
 * import { escapeHtml } from "./_html.ts";
 * const s = escapeHtml(`<img src=x onerror="alert('1')">&`);
 * if (s !== "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;") throw new Error(s);
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolation except {@linkcode SafeHtml}.
 *
 * @example
 * ```ts
 * import { markup } from "./_html.ts";
 * const title = "<img src=x onerror=alert(1)>";
 * const out = markup`<li title="${title}">${title}</li>${[markup`<b>${1}</b>`, null]}`.value;
 * const want = '<li title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</li><b>1</b>';
 * if (out !== want) throw new Error(out);
 * ```
 */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/**
 * Marks constant markup, CSS or script (never input data) as safe.
 *
 * @example
 * ```ts
 * import { markup, trusted } from "./_html.ts";
 * if (markup`${trusted("<hr>")}`.value !== "<hr>") throw new Error();
 * ```
 */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON that is safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and
 * U+2029 become `\uXXXX` escapes, so no string can close the element or start
 * a comment, and `JSON.parse` still returns the original value.
 *
 * @example
 * ```ts
 * import { safeJson } from "./_html.ts";
 * const s = safeJson({ name: "</script><script>alert(1)</script>\u2028" });
 * if (s.includes("<") || s.includes("\u2028")) throw new Error(s);
 * if (JSON.parse(s).name !== "</script><script>alert(1)</script>\u2028") throw new Error();
 * ```
 */
export function safeJson(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/**
 * A `<script type="application/json">` element holding `data`, for the page
 * script to `JSON.parse(el.textContent)`.
 *
 * @example
 * ```ts
 * import { jsonScript } from "./_html.ts";
 * const out = jsonScript("d", ["</script>"]).value;
 * if (out !== '<script type="application/json" id="d">["\\u003c/script\\u003e"]</script>') throw new Error(out);
 * ```
 */
export function jsonScript(id: string, data: unknown): SafeHtml {
  return markup`<script type="application/json" id="${id}">${trusted(safeJson(data))}</script>`;
}

/**
 * An inline `<script>` with trusted code. Throws a `SyntaxError` when the code
 * contains `</script` or `<!--`, which would end or confuse the element.
 *
 * @example
 * ```ts
 * import { inlineScript } from "./_html.ts";
 * if (inlineScript("var a = 1;").value !== "<script>var a = 1;</script>") throw new Error();
 * let threw = false;
 * try { inlineScript("'</script>'"); } catch { threw = true; }
 * if (!threw) throw new Error("should reject </script");
 * ```
 */
export function inlineScript(code: string, name = "inline script"): SafeHtml {
  const bad = /<\/script|<!--/i.exec(code);
  if (bad) {
    throw new SyntaxError(
      `${name} at offset ${bad.index}: contains "${bad[0]}", cannot be inlined`,
    );
  }
  return new SafeHtml(`<script>${code}</script>`);
}
