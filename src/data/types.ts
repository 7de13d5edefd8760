/**
 * Columnar, dense-id data model shared by every stage.
 *
 * Users and items are dense integer indices `0..n-1` into sorted string-id
 * arrays; interactions are parallel typed arrays (no per-row objects), so the
 * same code runs on 5k and 35M rows.
 *
 * @module
 */

/** Interactions as parallel columns. Row `r` is (`user[r]`, `item[r]`, ...). */
export interface Interactions {
  /** Dense user index per row. */
  user: Int32Array;
  /** Dense item index per row. */
  item: Int32Array;
  /** UTC instant, seconds since the Unix epoch (fractional allowed). */
  ts: Float64Array;
  /** Rating 0..5 (0 = not rated), after cleaning. */
  rating: Uint8Array;
  /** 1 when read, else 0. */
  isRead: Uint8Array;
}

/** Canonical item metadata (PROTOCOL §1), columnar, aligned with `Dataset.itemIds`. */
export interface ItemMeta {
  /** Title per item ("" when unknown). */
  title: string[];
  /** Author ids/names per item. */
  authors: string[][];
  /** Series ids/names per item. */
  series: string[][];
  /** Shelf/genre tags per item. */
  tags: string[][];
  /** Description ("" when unknown). */
  description: string[];
  /** Language code ("" when unknown). */
  language: string[];
  /** Publication year, NaN when unknown. */
  year: Float64Array;
  /** 1 = available (default), 0 = not available. */
  available: Uint8Array;
  /** 1 when the item had a metadata row. */
  hasMeta: Uint8Array;
}

/** Counts of every row dropped or fixed while loading (PROTOCOL §1). */
export interface DataReport {
  /** Source description (path or generator). */
  source: string;
  /** Physical lines/rows read from the source. */
  rowsRead: number;
  /**
   * Blank lines ignored (JSON lines). Counted by the exact line reader, which
   * runs when a file has malformed lines; the fast reader skips them uncounted.
   */
  blankLines: number;
  /** Malformed rows skipped (only under `badRows: "skip"`). */
  malformedSkipped: number;
  /** Step 1: rows dropped for an empty user_id or item_id. */
  droppedEmptyId: number;
  /** Step 1: rows dropped for an unparseable timestamp. */
  droppedBadTimestamp: number;
  /** Step 2: ratings that were not numeric (set to 0). */
  ratingNonNumeric: number;
  /** Step 2: ratings clipped to 0..5. */
  ratingClipped: number;
  /** Step 2: ratings rounded to an integer. */
  ratingRounded: number;
  /** Step 3: duplicate (user, item) rows removed. */
  duplicatesRemoved: number;
  /** Rows kept. */
  rowsKept: number;
  /** Distinct users with interactions. */
  users: number;
  /** Distinct items with interactions. */
  items: number;
  /** Items known only from metadata (no interaction). */
  metadataOnlyItems: number;
  /** Item metadata rows read. */
  metadataRows: number;
  /** Interaction items without a metadata row. */
  itemsWithoutMetadata: number;
  /** With `data.sampleUsers` < 1: the fraction of users kept. */
  sampleUsers?: number;
  /**
   * With `data.sampleUsers` < 1: rows of the users outside the sample (read
   * once for the id dictionary, then left out; in no cleaning count above).
   */
  rowsOutsideSample?: number;
}

/** A cleaned dataset: id dictionaries, interactions sorted by (user, ts, item). */
export interface Dataset {
  /** Sorted distinct user ids; index = dense user id. */
  userIds: string[];
  /** Sorted distinct item ids (interactions ∪ metadata); index = dense item id. */
  itemIds: string[];
  /** Every cleaned interaction, sorted by (user, ts, item). */
  interactions: Interactions;
  /** Item metadata aligned with `itemIds` (null when no metadata source was given). */
  items: ItemMeta | null;
  /** What cleaning did. */
  report: DataReport;
  /** Fingerprint of the source (sizes + content hash, or generator params). */
  fingerprint: string;
}

/** Item metadata as read from a books file, in the file's own order and ids. */
export interface BookTable {
  /** Item id per row (distinct). */
  ids: string[];
  title: string[];
  authors: string[][];
  series: string[][];
  tags: string[][];
  description: string[];
  language: string[];
  year: Float64Array;
  available: Uint8Array;
  /** Counts of missing fields etc., for the data report. */
  report: Record<string, number>;
}
