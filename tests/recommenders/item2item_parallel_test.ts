/**
 * The worker-parallel neighbour table equals the single-threaded one, byte
 * for byte, and so does the kernel's input packed by user ranges.
 */
import { assertEquals } from "../_assert.ts";
import { itemNeighbours } from "../../src/recommenders/_item2item_sim.ts";
import { itemNeighboursParallel } from "../../src/recommenders/_item2item_parallel.ts";
import {
  layoutNeighbours,
  layoutNeighboursParallel,
  packUsers,
} from "../../src/recommenders/_item2item_layout.ts";
import { generatedFiles, prepareData, silentProgress } from "../../src/pipeline/mod.ts";
import { resolveScenario } from "../../src/scenario/mod.ts";

/** Train data and holdout of a small generated dataset (popular vs item2item scenario). */
export async function generatedSplit() {
  const generate = { seed: 5, users: 3000, items: 1500, interactions: 40000 };
  await generatedFiles(generate, silentProgress);
  const s = resolveScenario({
    name: "par",
    data: { generate },
    control: { type: "popular" },
    test: { type: "item2item" },
  }, `${Deno.cwd()}/par.json`);
  return await prepareData(s, silentProgress, {});
}

Deno.test("parallel item2item neighbours equal the sequential ones (2 and 3 workers, all similarities)", async () => {
  const { train } = await generatedSplit();
  for (const similarity of ["cosine", "jaccard", "damped"] as const) {
    const opts = { similarity, neighbours: 20, maxUserHistory: 50, shrink: 10, damping: 0.5 };
    const seq = itemNeighbours(train, opts);
    for (const threads of [2, 3]) {
      const par = await itemNeighboursParallel(train, opts, threads, 0);
      assertEquals(par.offsets, seq.offsets, `${similarity}/${threads} offsets`);
      assertEquals(par.index, seq.index, `${similarity}/${threads} index`);
      assertEquals(par.value, seq.value, `${similarity}/${threads} value`);
    }
  }
});

Deno.test("parallel item2item neighbours with more item ranges than items (empty ranges) equal the sequential ones", async () => {
  // users 0 and 1 read items 0, 1; user 2 read 1, 2; user 3 read item 0 only — 4 items, item 3 unread
  const rows = {
    user: Int32Array.of(0, 0, 1, 1, 2, 2, 3),
    item: Int32Array.of(0, 1, 0, 1, 1, 2, 0),
    ts: Float64Array.of(1, 2, 1, 2, 1, 2, 1),
    rating: new Uint8Array(7),
    isRead: new Uint8Array(7),
  };
  const train = {
    nUsers: 4,
    nItems: 4,
    train: rows,
    userOffsets: Int32Array.of(0, 2, 4, 6, 7),
    weight: Float32Array.of(1, 1.25, 1, 1.5, 1.75, 1, 1),
    userIds: ["a", "b", "c", "d"],
    itemIds: ["w", "x", "y", "z"],
    items: null,
    catalog: new Uint8Array(4).fill(1),
    splitTime: 9,
  };
  const opts = {
    similarity: "cosine",
    neighbours: 2,
    maxUserHistory: 10,
    shrink: 0,
    damping: 0.5,
  } as const;
  const seq = itemNeighbours(train, opts);
  // 3 workers × several ranges each ≫ 4 items: some ranges are empty
  const par = await itemNeighboursParallel(train, opts, 3, 0);
  assertEquals(par.offsets, seq.offsets);
  assertEquals(par.index, seq.index);
  assertEquals(par.value, seq.value);
  // item 0: item 1 only (C = 1·1 + 1·1.5 = 2.5 over ‖0‖‖1‖), item 3 has no neighbours
  assertEquals([...seq.index.subarray(seq.offsets[0], seq.offsets[1])], [1]);
  assertEquals(seq.offsets[4] - seq.offsets[3], 0);
});

Deno.test("the layout packed by user ranges equals the one-thread layout bit for bit (quarter and other weights)", async () => {
  const { train } = await generatedSplit();
  const odd = {
    ...train,
    weight: Float32Array.from(train.weight, (w, r) => (r % 7 === 0 ? w + 0.1 : w)),
  };
  for (const data of [train, odd]) {
    for (const binary of [false, true]) {
      const opts = { maxUserHistory: 50, binary, damping: 0.5 };
      const one = layoutNeighbours(data, opts);
      for (const parts of [2, 3, 5]) {
        let ranges = 0;
        const many = await layoutNeighboursParallel(data, opts, parts, (args) => {
          ranges = args.length;
          return Promise.resolve(args.map(packUsers));
        });
        // Quarter weights are packed by `parts` ranges; other weights on one (norms in user order).
        assertEquals(ranges, data === train ? parts : 1, `${parts} parts`);
        for (const [k, v] of Object.entries(one)) {
          const w = (many as unknown as Record<string, unknown>)[k];
          if (ArrayBuffer.isView(v)) {
            assertEquals(
              new Uint8Array(
                (w as Uint8Array).buffer,
                (w as Uint8Array).byteOffset,
                (w as Uint8Array).byteLength,
              ),
              new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
              `${k}, ${parts} parts, binary ${binary}`,
            );
          } else assertEquals(w, v, k);
        }
      }
    }
  }
});
