"""Reference values of the PROTOCOL §4.1 metrics, computed a second way.

Writes tests/fixtures/beyond_accuracy_reference.json: a small random instance
(lists with short and empty ones, relevant sets, train popularity, string item
ids whose order differs from the dense ids, sparse content vectors with empty
ones, authors) and each metric's per-user values at k = 6 and k = 3, written
straight from the protocol's formulas with NumPy/SciPy and plain loops:
pairwise cosines instead of abreplay's summed-vector shortcut, the
mean-absolute-difference form of Gini instead of the rank form, SciPy's
entropy, an explicit sort for the ideal IPS-DCG.

    python3 scripts/beyond_accuracy_reference.py
"""
import json
import math
import os

import numpy as np
from scipy.stats import entropy

rng = np.random.default_rng(20261130)
N_ITEMS, N_USERS, K, N_TERMS, GAMMA = 30, 40, 6, 12, 0.5
TRAIN_USERS = 50

pop = rng.integers(0, 20, N_ITEMS)
pop[[3, 7, 11]] = 0  # items no train user saw
pop[[4, 5]] = pop[6]  # ties (broken by item id)
item_ids = [f"b{(N_ITEMS - i) * 7 % 97:03d}" for i in range(N_ITEMS)]

vectors = np.zeros((N_ITEMS, N_TERMS))
for i in range(N_ITEMS):
    if i % 9 == 2:
        continue  # empty content vector
    terms = rng.choice(N_TERMS, size=rng.integers(1, 4), replace=False)
    vectors[i, terms] = rng.uniform(0.1, 2.0, len(terms))
authors = [sorted(set(rng.integers(0, 8, rng.integers(0, 3)).tolist())) for _ in range(N_ITEMS)]

lists, rel = [], []
for u in range(N_USERS):
    n = [0, 1, 2, 6, 6, 6, 4][u % 7]
    lists.append(rng.choice(N_ITEMS, size=n, replace=False).tolist() + [-1] * (K - n))
    rel.append(sorted(rng.choice(N_ITEMS, size=rng.integers(1, 6), replace=False).tolist()))

share = np.maximum(pop, 1) / TRAIN_USERS
total = pop.sum()
order = sorted((i for i in range(N_ITEMS) if pop[i] > 0), key=lambda i: (-pop[i], item_ids[i]))
head, held = set(), 0
for i in order:
    if held >= 0.8 * total:
        break
    head.add(i)
    held += pop[i]
w = share ** -GAMMA


def per_user(k):
    out = {m: [] for m in ["IPS-NDCG", "IPS-Recall", "Novelty", "ARP", "LongTailShare",
                           "ILD-content", "ILD-author"]}
    for u in range(N_USERS):
        items = [i for i in lists[u][:k] if i >= 0]
        n, r = len(items), set(rel[u])
        dcg = sum(w[i] / math.log2(p + 2) for p, i in enumerate(lists[u][:k]) if i in r)
        ideal = sorted((w[i] for i in r), reverse=True)[:k]
        out["IPS-NDCG"].append(dcg / sum(x / math.log2(p + 2) for p, x in enumerate(ideal)))
        out["IPS-Recall"].append(sum(w[i] for i in items if i in r) / sum(w[i] for i in r))
        none = n == 0
        out["Novelty"].append(None if none else float(np.mean([-math.log2(share[i]) for i in items])))
        out["ARP"].append(None if none else float(np.mean([pop[i] for i in items])))
        out["LongTailShare"].append(None if none else sum(i not in head for i in items) / n)
        if n < 2:
            out["ILD-content"].append(None)
            out["ILD-author"].append(None)
            continue
        sims, shared = [], []
        for a in range(n):
            for b in range(a + 1, n):
                x, y = vectors[items[a]], vectors[items[b]]
                nx, ny = np.linalg.norm(x), np.linalg.norm(y)
                sims.append(0.0 if nx == 0 or ny == 0 else float(x @ y / (nx * ny)))
                shared.append(1.0 if set(authors[items[a]]) & set(authors[items[b]]) else 0.0)
        out["ILD-content"].append(1 - float(np.mean(sims)))
        out["ILD-author"].append(1 - float(np.mean(shared)))
    return out


def concentration(k, catalog):
    counts = np.zeros(catalog)
    for u in range(N_USERS):
        for i in lists[u][:k]:
            if i >= 0:
                counts[i] += 1
    mad = np.abs(counts[:, None] - counts[None, :]).sum()
    return {"Gini": float(mad / (2 * catalog ** 2 * counts.mean())),
            "Entropy": float(entropy(counts[counts > 0], base=2))}


doc = {
    "source": "scripts/beyond_accuracy_reference.py (NumPy "
              f"{np.__version__}); per-user null = no value (empty list, or < 2 items for ILD)",
    "k": K, "gamma": GAMMA, "trainUsers": TRAIN_USERS,
    "pop": pop.tolist(), "itemIds": item_ids,
    "vectors": vectors.tolist(), "authors": authors,
    "lists": lists, "relevant": rel,
    "head": sorted(head),
    "perUser": {str(k): per_user(k) for k in (K, 3)},
    "concentration": {str(k): concentration(k, N_ITEMS) for k in (K, 3)},
}
path = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures",
                    "beyond_accuracy_reference.json")
with open(path, "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
print(f"wrote {os.path.normpath(path)}")
