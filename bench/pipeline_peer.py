"""Python peer of abreplay's pipeline (pandas + NumPy + SciPy), for bench/pipeline_bench.ts.

Same steps and parameters as `abreplay run` with control `popular` and test
`item2item` (cosine, top-100 neighbours, history capped at the 200 most recent
items, score = recency-decayed sum over the last 50 history items), paired
replay at k = 10, PROTOCOL §4 metrics, paired bootstrap B = 2000.

Usage: python3 bench/pipeline_peer.py <interactions.parquet> [holdout=0.2]
Prints one JSON line: per-stage seconds and peak RSS (MiB), and the popular
arm's overall metric means (to compare with abreplay's, which must be equal).
"""
import json, math, resource, sys, time

import numpy as np
import pandas as pd
import scipy.sparse as sp

K = 10
stages = {}
t_last = [time.perf_counter()]


def lap(name):
    now = time.perf_counter()
    stages[name] = {"s": round(now - t_last[0], 3), "peakMiB": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    t_last[0] = now


path = sys.argv[1]
q = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2

# --- ingest + clean (PROTOCOL §1) -------------------------------------------
df = pd.read_parquet(path, columns=["user_id", "item_id", "timestamp", "rating", "is_read"])
ts_all = df["timestamp"].dt.tz_convert(None).to_numpy().astype("datetime64[s]").astype(np.int64)
ok = (df.user_id.fillna("").to_numpy() != "") & (df.item_id.fillna("").to_numpy() != "")
u_all, users = pd.factorize(df.user_id, sort=True)      # dense ids in sorted string order
i_all, items = pd.factorize(df.item_id, sort=True)
r_all = df["rating"].fillna(0).clip(0, 5).round().to_numpy().astype(np.uint8)
read_all = df["is_read"].fillna(False).to_numpy().astype(np.uint8)
del df
n_items_all = len(items)
# dedupe on integer keys: keep the latest row per (user, item), ties by file order
key = u_all.astype(np.int64) * n_items_all + i_all
rn = np.arange(len(key))
o = np.lexsort((rn, ts_all, key))
o = o[ok[o]]
last = np.ones(len(o), dtype=bool)
last[:-1] = key[o[1:]] != key[o[:-1]]
o = o[last]
u, i, ts, rating, is_read = u_all[o], i_all[o], ts_all[o].astype(np.float64), r_all[o], read_all[o]
del u_all, i_all, ts_all, r_all, read_all, key, rn
order = np.lexsort((i, ts, u))
u, i, ts, rating, is_read = u[order], i[order], ts[order], rating[order], is_read[order]
n_users, n_items = len(users), len(items)
lap("ingest")

# --- split, warm/cold, eval users, relevant sets (PROTOCOL §2-3) ------------
n = len(ts)
T = np.sort(ts)[n - math.ceil(q * n)]
tr = ts < T
train_count = np.bincount(i[tr], minlength=n_items)
cold = train_count < 5
has_train = np.bincount(u[tr], minlength=n_users) > 0
te_u, te_i = u[~tr], i[~tr]
keep = has_train[te_u]
te_u, te_i = te_u[keep], te_i[keep]
eval_users = np.unique(te_u)
lap("split")

# train CSR by user (rows sorted by user, ts)
tu, ti, tts = u[tr], i[tr], ts[tr]
w = (1.0 + 0.25 * rating[tr] + 0.5 * is_read[tr]).astype(np.float32)
offs = np.zeros(n_users + 1, dtype=np.int64)
np.add.at(offs, tu + 1, 1)
offs = np.cumsum(offs)

# --- popular ---------------------------------------------------------------
pop_order = np.lexsort((np.arange(n_items), -train_count))
pos_in_order = np.empty(n_items, dtype=np.int64)
pos_in_order[pop_order] = np.arange(n_items)
lap("fit popular")


def popular_lists(users_):
    out = np.full((len(users_), K), -1, dtype=np.int64)
    for r, uu in enumerate(users_):
        seen_pos = np.sort(pos_in_order[ti[offs[uu]:offs[uu + 1]]])
        take, p, s = [], 0, 0
        while len(take) < K and p < n_items:
            if s < len(seen_pos) and seen_pos[s] == p:
                s += 1
            else:
                take.append(pop_order[p])
            p += 1
        out[r, :len(take)] = take
    return out


pop = popular_lists(eval_users)
lap("replay popular")

# --- item2item: cosine over the last 200 items per user, top-100 neighbours --
rank_from_end = (offs[tu + 1] - 1) - np.arange(len(tu))
cap = rank_from_end < 200
X = sp.csr_matrix((w[cap], (tu[cap], ti[cap])), shape=(n_users, n_items), dtype=np.float32)
norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=0)).ravel()) + 1e-12
Xn = X @ sp.diags(1.0 / norms).astype(np.float32)
S = (Xn.T @ Xn).tocsr()
S.setdiag(0)
S.eliminate_zeros()
NEIGH = 100
rows, cols, vals = [], [], []
for it in range(n_items):
    a, b = S.indptr[it], S.indptr[it + 1]
    if b - a > NEIGH:
        idx = np.argpartition(-S.data[a:b], NEIGH)[:NEIGH] + a
    else:
        idx = np.arange(a, b)
    rows.append(np.full(len(idx), it)); cols.append(S.indices[idx]); vals.append(S.data[idx])
S = sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n_items, n_items))
lap("fit item2item")


def i2i_lists(users_):
    out = np.full((len(users_), K), -1, dtype=np.int64)
    for r, uu in enumerate(users_):
        a, b = offs[uu], offs[uu + 1]
        hist = ti[max(a, b - 50):b]
        decay = 0.5 ** ((len(hist) - 1 - np.arange(len(hist))) / 20.0)
        sc = S[hist].T @ decay
        sc[ti[a:b]] = -np.inf
        cand = np.flatnonzero(sc > 0)
        if len(cand) > K:
            cand = cand[np.argpartition(-sc[cand], K)[:K]]
        cand = cand[np.lexsort((cand, -sc[cand]))]
        out[r, :len(cand)] = cand
    return out


i2i = i2i_lists(eval_users)
lap("replay item2item")

# --- metrics (PROTOCOL §4, overall segment) ---------------------------------
ord_te = np.lexsort((te_i, te_u))
te_u, te_i = te_u[ord_te], te_i[ord_te]
starts = np.searchsorted(te_u, eval_users)
ends = np.searchsorted(te_u, eval_users, side="right")
disc = 1.0 / np.log2(np.arange(2, K + 2))
ideal = np.concatenate([[0], np.cumsum(disc)])


def metrics(lists):
    m = {k: np.zeros(len(eval_users)) for k in ["NDCG", "Recall", "Precision", "HitRate", "MRR"]}
    for r in range(len(eval_users)):
        rel = te_i[starts[r]:ends[r]]
        hit = np.isin(lists[r], rel) & (lists[r] >= 0)
        nh = hit.sum()
        m["NDCG"][r] = (disc * hit).sum() / ideal[min(len(rel), K)]
        m["Recall"][r] = nh / len(rel)
        m["Precision"][r] = nh / K
        m["HitRate"][r] = 1.0 if nh else 0.0
        m["MRR"][r] = 1.0 / (np.argmax(hit) + 1) if nh else 0.0
    return m


mp, mi = metrics(pop), metrics(i2i)
lap("metrics")

# --- paired bootstrap, B = 2000, all metrics from one set of resamples -----
rng = np.random.default_rng(7)
B = 2000
D = np.stack([mi[k] - mp[k] for k in mp] + [mp[k] for k in mp], axis=1)
nU = len(eval_users)
sums = np.empty((B, D.shape[1]))
for b0 in range(0, B, 32):
    bs = min(32, B - b0)
    idx = rng.integers(0, nU, size=(bs, nU))
    counts = np.stack([np.bincount(row, minlength=nU) for row in idx]).astype(np.float64)
    sums[b0:b0 + bs] = counts @ D
ci = np.percentile(sums[:, :5] / nU, [2.5, 97.5], axis=0)
lap("bootstrap")

print(json.dumps({
    "stages": stages,
    "evalUsers": int(nU),
    "popular": {f"{k}@10": float(v.mean()) for k, v in mp.items()},
    "item2item": {f"{k}@10": float(v.mean()) for k, v in mi.items()},
}))
