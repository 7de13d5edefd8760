#!/usr/bin/env python3
"""The full Goodreads shape (all genres, UCSD Book Graph: 228,648,342 interactions,
876,145 users, 2,360,655 books) as one Parquet file, generated in chunks of users.

Why not `../shared/bench/gen_ya_like.py --n 228648342 --users 876145 --items 2360655`:
it draws every row at once and was killed by the kernel at 24.4 GB RSS after 3.5 min on
the 24 GiB bench machine. This script draws the same shape — the same item model
(Zipf-like popularity, release times with growth, 30 % back catalogue, 60 genre
clusters), the same user model (lognormal activity with sigma 1.25, join times with
growth, two favourite clusters, taste for recent releases, global popularity), 1 %
re-shelved duplicates with later timestamps, rows grouped by user newest first, the same
columns and types — one chunk of users at a time, so memory stays near one chunk
(about 2 GB). It is seeded, but it is not byte-identical to gen_ya_like.py at smaller
sizes (the random streams are consumed per chunk).

    python3 scripts/gen_goodreads_shape.py --out data/cache/bench/ya_goodreads.parquet
    python3 scripts/gen_goodreads_shape.py --n 35e6 --users 700000 --items 93398 --out x.parquet
"""
import argparse
import json
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

START = int(np.datetime64("2007-01-01T00:00:00", "s").astype(np.int64))
END = int(np.datetime64("2017-11-01T00:00:00", "s").astype(np.int64))
YEAR = 365 * 86400
BASE = START - 10 * YEAR  # offset so cluster keys stay positive
SPAN = 1 << 30            # > END - BASE, separates clusters in one sorted key


def grow(u, g):
    """Inverse CDF of density ∝ exp(g·x) on [0, 1]: more mass late."""
    return np.log1p(u * np.expm1(g)) / g


def pick(cum, lo, hi, u):
    """Index in [lo, hi) drawn with weights w, where cum = [0, cumsum(w)]."""
    x = cum[lo] + u * (cum[hi] - cum[lo])
    j = np.searchsorted(cum, x, side="right") - 1
    return np.clip(j, lo, hi - 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=float, default=228648342, help="interaction rows")
    ap.add_argument("--users", type=int, default=876145)
    ap.add_argument("--items", type=int, default=2360655)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20171101)
    ap.add_argument("--zipf", type=float, default=1.0)
    ap.add_argument("--sigma", type=float, default=1.25)
    ap.add_argument("--clusters", type=int, default=60)
    ap.add_argument("--dup-rate", type=float, default=0.01)
    ap.add_argument("--chunk-rows", type=float, default=12e6, help="rows drawn per chunk of users")
    ap.add_argument("--row-group", type=int, default=1 << 20)
    a = ap.parse_args()
    t0 = time.perf_counter()
    n, n_users, n_items = int(a.n), a.users, a.items
    rng = np.random.default_rng(a.seed)

    # ---- items (as gen_ya_like.py)
    w = (rng.permutation(n_items) + 1.0) ** -a.zipf
    rel = START + (grow(rng.random(n_items), 1.5) * (END - 30 * 86400 - START)).astype(np.int64)
    rel[rng.random(n_items) < 0.30] = START - 1
    cp = 1.0 / np.arange(1, a.clusters + 1) ** 0.8
    cp /= cp.sum()
    icl = rng.choice(a.clusters, size=n_items, p=cp)
    og = np.argsort(rel, kind="stable")
    rel_g = rel[og]
    cum_g = np.concatenate([[0.0], np.cumsum(w[og])])
    oc = np.lexsort((rel, icl))
    key_c = icl[oc].astype(np.int64) * SPAN + (rel[oc] - BASE)
    cum_c = np.concatenate([[0.0], np.cumsum(w[oc])])
    cstart = np.searchsorted(key_c, np.arange(a.clusters, dtype=np.int64) * SPAN, side="left")
    book_ids = np.sort(rng.choice(36_000_000, size=n_items, replace=False) + 1)
    rng.shuffle(book_ids)
    item_dict = pa.array([str(b) for b in book_ids], type=pa.string())
    del book_ids

    # ---- users (as gen_ya_like.py)
    act = rng.lognormal(0.0, a.sigma, n_users)
    p_act = act / act.sum()
    join = START + (grow(rng.random(n_users), 2.5) * (END - START)).astype(np.int64)
    span = ((END - join) * rng.beta(1.0, 1.0, n_users)).astype(np.int64) + 86400
    c1 = rng.choice(a.clusters, size=n_users, p=cp)
    c2 = rng.choice(a.clusters, size=n_users, p=cp)
    raw = rng.bytes(16 * n_users)
    user_dict = pa.array([raw[k * 16:(k + 1) * 16].hex() for k in range(n_users)], type=pa.string())
    del raw

    # rows per user: the distinct pairs of the whole file, split by activity
    n_dup = int(round(n * a.dup_rate))
    need_u = rng.multinomial(n - n_dup, p_act)
    dup_u = rng.multinomial(n_dup, p_act)

    def draw(users, counts):
        """Rows for `users` (counts each): (user, item, timestamp)."""
        u = np.repeat(users, counts)
        m = len(u)
        t = join[u] + (span[u] * rng.random(m)).astype(np.int64)
        t = np.minimum(t, END - 1)
        r = rng.random(m)
        cl = np.where(r < 0.45, c1[u], c2[u]).astype(np.int64)
        q = cl * SPAN + (t - BASE)
        hi = np.searchsorted(key_c, q, side="right")
        lo = cstart[cl]
        new = (r >= 0.65) & (r < 0.75)
        lo_new = np.maximum(np.searchsorted(key_c, q - YEAR, side="left"), lo)
        lo = np.where(new & (hi > lo_new), lo_new, lo)
        glob = (r >= 0.75) | (hi <= lo)
        item = np.empty(m, dtype=np.int32)
        uu = rng.random(m)
        cm = ~glob
        item[cm] = oc[pick(cum_c, lo[cm], hi[cm], uu[cm])]
        ghi = np.searchsorted(rel_g, t[glob], side="right")
        item[glob] = og[pick(cum_g, np.zeros_like(ghi), ghi, uu[glob])]
        return u.astype(np.int32), item, t

    schema = pa.schema([("user_id", pa.string()), ("item_id", pa.string()),
                        ("timestamp", pa.timestamp("us", tz="UTC")), ("rating", pa.int8()),
                        ("is_read", pa.bool_())])
    pr = np.array([0.55, 0.009, 0.0225, 0.09, 0.162, 0.1665])
    written = 0
    pending = None  # rows not yet written (row groups are exactly --row-group rows)
    cum_need = np.cumsum(need_u + dup_u)
    with pq.ParquetWriter(a.out, schema, compression="snappy") as wr:
        u0 = 0
        while u0 < n_users:
            base = cum_need[u0 - 1] if u0 else 0
            u1 = int(np.searchsorted(cum_need, base + a.chunk_rows, side="right"))
            u1 = min(max(u1, u0 + 1), n_users)
            users = np.arange(u0, u1, dtype=np.int32)
            want = need_u[u0:u1].astype(np.int64)
            # draw with replacement, keep first of each (user, item), top up until each user has its count
            U, I, T = [], [], []
            have = np.zeros(len(users), dtype=np.int64)
            for _ in range(30):  # a user wanting more books than they can reach keeps what they got
                missing = want - have
                if missing.sum() == 0:
                    break
                extra = np.where(missing > 0, (missing * 1.1).astype(np.int64) + 2, 0)
                u, i, t = draw(users, extra)
                U.append(u); I.append(i); T.append(t)
                u = np.concatenate(U); i = np.concatenate(I); t = np.concatenate(T)
                key = u.astype(np.int64) * n_items + i
                _, first = np.unique(key, return_index=True)
                first.sort()
                u, i, t = u[first], i[first], t[first]
                # at most `want` rows per user: keep the earliest drawn
                order = np.argsort(u, kind="stable")
                u, i, t = u[order], i[order], t[order]
                starts = np.searchsorted(u, users)
                rank = np.arange(len(u)) - starts[u - u0]
                keep = rank < want[u - u0]
                u, i, t = u[keep], i[keep], t[keep]
                U, I, T = [u], [i], [t]
                have = np.bincount(u - u0, minlength=len(users))
            u, i, t = U[0], I[0], T[0]
            # re-shelved duplicates: same (user, item), later timestamp
            nd = dup_u[u0:u1]
            starts = np.concatenate([[0], np.cumsum(have)[:-1]])
            src = np.repeat(starts, nd) + (rng.random(int(nd.sum())) * np.repeat(np.maximum(have, 1), nd)).astype(np.int64)
            src = src[np.repeat(have, nd) > 0]
            td = np.minimum(t[src] + (rng.random(len(src)) * 2 * YEAR).astype(np.int64), END - 1)
            u = np.concatenate([u, u[src]]); i = np.concatenate([i, i[src]]); t = np.concatenate([t, td])
            m = len(u)
            rating = np.searchsorted(np.cumsum(pr)[:-1], rng.random(m), side="right").astype(np.int8)
            p_read = np.where(rating > 0, 0.97, (0.5 - 0.45 * 0.97) / 0.55)
            is_read = rng.random(m) < p_read
            order = np.lexsort((-t, u))  # grouped by user, newest first
            table = pa.table([
                user_dict.take(pa.array(u[order])),
                item_dict.take(pa.array(i[order])),
                pa.array(t[order] * 1_000_000, type=pa.int64()).cast(schema.field("timestamp").type),
                pa.array(rating[order]),
                pa.array(is_read[order]),
            ], schema=schema)
            pending = table if pending is None else pa.concat_tables([pending, table])
            while pending.num_rows >= a.row_group:
                wr.write_table(pending.slice(0, a.row_group), row_group_size=a.row_group)
                pending = pending.slice(a.row_group)
            written += m
            print(json.dumps({"users": int(u1), "rows": int(written), "s": round(time.perf_counter() - t0, 1)}), flush=True)
            u0 = u1
        if pending is not None and pending.num_rows:
            wr.write_table(pending, row_group_size=a.row_group)
    print(json.dumps({"out": a.out, "rows": int(written), "users": n_users, "items": n_items,
                      "seed": a.seed, "seconds": round(time.perf_counter() - t0, 1)}))


if __name__ == "__main__":
    main()
