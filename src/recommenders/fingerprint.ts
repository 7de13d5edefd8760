/**
 * The fingerprint of a split as models see it: SHA-256 over everything a
 * model may learn from. Saved models record it (`persist.ts`), split exports
 * carry it (`split.json`) and `precomputed` lists are checked against it.
 *
 * @module
 */
import type { TrainData } from "./types.ts";
import { bytes } from "./_bytes.ts";

/**
 * SHA-256 (hex) over everything a model may learn from: sizes, split instant,
 * train columns, weights, catalog, ids and item metadata.
 *
 * @example
 * ```ts
 * import { trainFingerprint } from "./fingerprint.ts";
 * import type { TrainData } from "./types.ts";
 * const rows = { user: new Int32Array(0), item: new Int32Array(0), ts: new Float64Array(0),
 *   rating: new Uint8Array(0), isRead: new Uint8Array(0) };
 * const data: TrainData = { nUsers: 0, nItems: 1, train: rows, userOffsets: Int32Array.of(0),
 *   weight: new Float32Array(0), userIds: [], itemIds: ["x"], items: null, catalog: Uint8Array.of(1), splitTime: 0 };
 * const a = await trainFingerprint(data);
 * if (a.length !== 64 || a === await trainFingerprint({ ...data, splitTime: 1 })) throw new Error();
 * ```
 */
export async function trainFingerprint(data: TrainData): Promise<string> {
  const enc = new TextEncoder();
  const t = data.train;
  const meta = data.items
    ? JSON.stringify([
      data.items.title,
      data.items.authors,
      data.items.series,
      data.items.tags,
      data.items.description,
      data.items.language,
      Array.from(data.items.year),
      Array.from(data.items.available),
    ])
    : "null";
  const parts: Uint8Array[] = [
    enc.encode(JSON.stringify([data.nUsers, data.nItems, data.splitTime])),
    ...[t.user, t.item, t.ts, t.rating, t.isRead, data.userOffsets, data.weight, data.catalog].map(
      bytes,
    ),
    enc.encode(data.userIds.join("\n")),
    enc.encode(data.itemIds.join("\n")),
    enc.encode(meta),
  ];
  const digests = await Promise.all(
    // WebCrypto refuses views on SharedArrayBuffers (train arrays are shared): hash a copy.
    parts.map((p) =>
      crypto.subtle.digest(
        "SHA-256",
        (p.buffer instanceof SharedArrayBuffer ? p.slice() : p) as Uint8Array<ArrayBuffer>,
      )
    ),
  );
  const all = new Uint8Array(digests.length * 32);
  digests.forEach((d, k) => all.set(new Uint8Array(d), k * 32));
  return hex(await crypto.subtle.digest("SHA-256", all));
}

function hex(buf: ArrayBuffer): string {
  return Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, "0")).join("");
}
