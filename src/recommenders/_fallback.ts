/**
 * Fallback orders (popular / trending / newest) that fill lists a model could
 * not fill itself, and item labels for explanations.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import { popularityCounts, rankOrder } from "./popular.ts";
import { newestOrder } from "./newest.ts";

/** Which fixed order fills short lists; null = none (lists may be short). */
export type FallbackKind = "popular" | "trending" | "newest" | null;

/** Every accepted {@linkcode FallbackKind}. */
export const FALLBACKS: readonly FallbackKind[] = ["popular", "trending", "newest", null];

/** Days of the `trending` window used by fallbacks. */
export const TRENDING_DAYS = 30;

/**
 * The catalog order of a fallback (`null` for none).
 *
 * @example
 * ```ts
 * import { fallbackOrder } from "./_fallback.ts";
 * import type { TrainData } from "./types.ts";
 * const rows = { user: Int32Array.of(0), item: Int32Array.of(1), ts: Float64Array.of(1),
 *   rating: new Uint8Array(1), isRead: new Uint8Array(1) };
 * const data: TrainData = { nUsers: 1, nItems: 2, train: rows, userOffsets: Int32Array.of(0, 1),
 *   weight: new Float32Array(1).fill(1), userIds: ["a"], itemIds: ["x", "y"], items: null,
 *   catalog: new Uint8Array(2).fill(1), splitTime: 9 };
 * if (fallbackOrder(data, "popular")!.join() !== "1,0" || fallbackOrder(data, null) !== null) throw new Error();
 * ```
 */
export function fallbackOrder(data: TrainData, kind: FallbackKind): Int32Array | null {
  switch (kind) {
    case "popular":
      return rankOrder(popularityCounts(data), data.catalog);
    case "trending":
      return rankOrder(popularityCounts(data, TRENDING_DAYS), data.catalog, popularityCounts(data));
    case "newest":
      return newestOrder(data);
    default:
      return null;
  }
}

/**
 * A short quoted label for item `i`: its title (cut at 60 characters), else its id.
 *
 * @example
 * ```ts
 * import { itemLabel } from "./_fallback.ts";
 * if (itemLabel({ itemIds: ["b7"], items: null }, 0) !== '"b7"') throw new Error();
 * ```
 */
export function itemLabel(data: Pick<TrainData, "itemIds" | "items">, i: number): string {
  const title = data.items?.title[i] ?? "";
  const text = title !== "" ? title : data.itemIds[i];
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
