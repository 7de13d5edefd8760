/**
 * Checks that a change which only ADDS to the deterministic outputs left
 * every earlier field byte-identical: for each `<scenario>/<file>` of the
 * `before` folder (as written by `scripts/baseline_outputs.ts`), the `after`
 * file is pruned to the keys `before` has (objects: its keys; the
 * comparison's metric rows: the metrics it lists) and serialised as abreplay
 * writes JSON; the text must equal `before`'s byte for byte.
 *
 * ```sh
 * deno run -A scripts/baseline_outputs.ts ../before --data-dir ../../shared/data   # on the old commit
 * deno run -A scripts/baseline_outputs.ts ../after --data-dir ../../shared/data    # on the new one
 * deno run -A scripts/old_fields_identical.ts ../before ../after
 * ```
 *
 * @module
 */
import { join } from "node:path";

/**
 * `after` cut down to the shape of `before`: object keys `before` lacks are
 * dropped (keeping `after`'s key order), and of an array of rows with a
 * `metric` field only the rows whose metric `before` has remain.
 *
 * @example
 * ```ts
 * import { prune } from "./old_fields_identical.ts";
 * const before = { a: 1, rows: [{ metric: "x", v: 1 }] };
 * const after = { a: 1, b: 2, rows: [{ metric: "x", v: 1, w: 0 }, { metric: "y", v: 3 }] };
 * if (JSON.stringify(prune(before, after)) !== JSON.stringify(before)) throw new Error();
 * ```
 */
export function prune(before: unknown, after: unknown): unknown {
  if (Array.isArray(before) && Array.isArray(after)) {
    const byMetric = before.every((r) => r && typeof r === "object" && "metric" in r);
    if (byMetric && before.length > 0) {
      const rows = after.filter((r) => before.some((b) => b.metric === r?.metric));
      return rows.map((r) => prune(before.find((b) => b.metric === r.metric), r));
    }
    return after.map((x, i) => prune(before[i], x));
  }
  if (before && after && typeof before === "object" && typeof after === "object") {
    const b = before as Record<string, unknown>, a = after as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(a).filter((k) => k in b).map((k) => [k, prune(b[k], a[k])]),
    );
  }
  return after;
}

if (import.meta.main) {
  const [beforeDir, afterDir] = Deno.args;
  let bad = 0;
  for await (const d of Deno.readDir(beforeDir)) {
    if (!d.isDirectory) continue;
    for await (const f of Deno.readDir(join(beforeDir, d.name))) {
      const before = await Deno.readTextFile(join(beforeDir, d.name, f.name));
      const after = await Deno.readTextFile(join(afterDir, d.name, f.name)).catch(() => null);
      const same = after !== null &&
        JSON.stringify(prune(JSON.parse(before), JSON.parse(after)), null, 2) + "\n" === before;
      console.log(`${d.name}/${f.name}: ${same ? "old fields identical" : "DIFFERS"}`);
      if (!same) bad++;
    }
  }
  Deno.exit(bad ? 1 : 0);
}
