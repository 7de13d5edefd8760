/**
 * `verdict.md`: the verdict as Markdown, for CI logs and pull requests.
 *
 * @module
 */
import { candidatesMarkdown, type CandidatesVerdict, verdictMarkdown } from "../../gate/mod.ts";
import type { OutputContext, OutputFormat } from "./types.ts";

/** The Markdown of a run's verdict (what `abreplay gate` prints). */
export function verdictText(
  ctx: Pick<OutputContext, "result" | "verdict" | "candidates">,
): string {
  if (ctx.candidates) {
    return candidatesMarkdown(ctx.verdict as CandidatesVerdict, ctx.result.scenario.name);
  }
  return verdictMarkdown(ctx.verdict, ctx.result.scenario.name);
}

/** The format, as registered. */
export const verdictMd: OutputFormat = {
  name: "verdict.md",
  doc: "The verdict as Markdown: one row per rule.",
  write: (ctx, path) => Deno.writeTextFile(path, verdictText(ctx)),
};
