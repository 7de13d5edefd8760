#!/usr/bin/env python3
"""An outside model for abreplay: item-item cosine fitted on an exported split.

    deno task abreplay split scenarios/demo.json --export data/cache/demo-split
    python3 examples/item_cosine.py --split data/cache/demo-split --out data/cache/lists.csv

Reads train.parquet and eval_users.parquet of `abreplay split --export`, fits
item-item cosine similarity on the user x item matrix of training weights,
and writes each eval user's top-k unseen items with their scores (columns
`user`, `item`, `score`: a `precomputed` arm maps them with
`"columns": {"user": "user", "item": "item"}`) to --out (.csv or .parquet).
It copies split.json next to the lists as `<out>.split.json`, so the lists
carry the split fingerprint and abreplay refuses them for any other split.

Model: s(i, j) = cos(x_i, x_j) over the item columns of the weight matrix
(diagonal 0); score(u, j) = sum_i w(u, i) s(i, j) over the user's train items.
Users with fewer than k items that score above 0 are filled with the most
popular unseen items (distinct train users), scored below 0 in popularity
order. Needs NumPy, SciPy and pandas (pandas reads Parquet through pyarrow).
"""
import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp


def fit_and_recommend(train: pd.DataFrame, eval_users: pd.Series, k: int) -> pd.DataFrame:
    users = pd.Index(np.unique(train["user_id"]))
    items = pd.Index(np.unique(train["item_id"]))
    u = users.get_indexer(train["user_id"])
    i = items.get_indexer(train["item_id"])
    x = sp.csr_matrix(
        (train["weight"].to_numpy(np.float64), (u, i)), shape=(len(users), len(items))
    )
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=0))).ravel()
    xn = x @ sp.diags(np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0))
    sim = (xn.T @ xn).tocsr()
    sim.setdiag(0.0)
    sim.eliminate_zeros()
    popularity = np.asarray((x > 0).sum(axis=0)).ravel()
    by_popularity = np.lexsort((items.to_numpy(), -popularity))  # ties by item id

    rows = []
    eval_idx = users.get_indexer(eval_users)
    for start in range(0, len(eval_idx), 512):
        batch = eval_idx[start:start + 512]
        known = batch >= 0
        xb = x[batch[known]]
        scores = np.asarray((xb @ sim).todense())
        scores[xb.nonzero()] = -np.inf  # never recommend a train item
        for b, user_pos in enumerate(np.flatnonzero(known)):
            s = scores[b]
            positive = np.flatnonzero(s > 0)
            top = positive[np.lexsort((items.to_numpy()[positive], -s[positive]))][:k]
            user = eval_users.iloc[start + user_pos]
            rows += [(user, items[j], float(s[j])) for j in top]
            if len(top) < k:
                seen = set(xb[b].indices) | set(top)
                fill = [j for j in by_popularity if j not in seen][: k - len(top)]
                rows += [(user, items[j], -1.0 - n) for n, j in enumerate(fill)]
    return pd.DataFrame(rows, columns=["user", "item", "score"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", required=True, help="folder written by abreplay split --export")
    ap.add_argument("--out", required=True, help="lists file to write (.csv or .parquet)")
    ap.add_argument("--k", type=int, default=10, help="list length (the scenario's eval.k)")
    args = ap.parse_args()
    split = Path(args.split)
    train = pd.read_parquet(split / "train.parquet", columns=["user_id", "item_id", "weight"])
    eval_users = pd.read_parquet(split / "eval_users.parquet", columns=["user_id"])["user_id"]
    lists = fit_and_recommend(train, eval_users, args.k)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".parquet":
        lists.to_parquet(out, index=False)
    else:
        lists.to_csv(out, index=False, float_format="%.17g")
    shutil.copyfile(split / "split.json", f"{out}.split.json")
    fp = json.loads((split / "split.json").read_text())["splitFingerprint"]
    print(f"{out}: {len(lists)} rows for {lists['user'].nunique()} users (split {fp[:12]}...)")


if __name__ == "__main__":
    main()
