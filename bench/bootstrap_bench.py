#!/usr/bin/env python3
"""NumPy peer of bench/bootstrap_bench.ts: the same bootstrap (multinomial resampling of users,
one set of counts per resample shared by every metric, percentile + BCa intervals of the
difference and of the relative lift), vectorised in blocks of resamples: the block's indices
from one Generator.integers call, per-resample counts by bincount (one row at a time, so the
scattered increments stay in cache), and all column sums of the block by one matrix product
(counts @ X). Reads the data the TypeScript side wrote; prints JSON timings. Run single-threaded
(OPENBLAS_NUM_THREADS=1, set by the caller) like the TypeScript side.

Usage: python3 bench/bootstrap_bench.py DIR USERS METRICS RESAMPLES
"""
import json
import sys
import time

import numpy as np
from scipy.special import ndtr, ndtri

BLOCK = 32


def resampled_sums(x, resamples, rng):
    """x: (n, K) matrix. Returns (resamples, K) sums under multinomial resample counts."""
    n = x.shape[0]
    out = np.empty((resamples, x.shape[1]))
    for start in range(0, resamples, BLOCK):
        b = min(BLOCK, resamples - start)
        idx = rng.integers(0, n, size=(b, n))
        counts = np.empty((b, n))
        for r in range(b):
            counts[r] = np.bincount(idx[r], minlength=n)
        out[start:start + b] = counts @ x
    return out


def intervals(reps, est, influence, conf=0.95):
    alpha = (1 - conf) / 2
    num = sum((u**3).sum() / len(u)**3 for u in influence)
    den = sum((u**2).sum() / len(u)**2 for u in influence)
    a = num / (6 * den**1.5)
    z0 = ndtri(((reps < est).sum() + (reps <= est).sum()) / (2 * len(reps)))
    za = ndtri(alpha)
    adj = [ndtr(z0 + (z0 + z) / (1 - a * (z0 + z))) for z in (za, -za)]
    return np.percentile(reps, [alpha * 100, (1 - alpha) * 100]), np.percentile(reps, [q * 100 for q in adj])


def paired(c, t, resamples, rng):
    d = t - c
    n, k = c.shape
    sums = resampled_sums(np.hstack([d, c]), resamples, rng)
    out = []
    for m in range(k):
        sd, sc = d[:, m].sum(), c[:, m].sum()
        diff = intervals(sums[:, m] / n, sd / n, [d[:, m] - sd / n])
        loo = (sd - d[:, m]) / (sc - c[:, m])
        lift = intervals(sums[:, m] / sums[:, k + m], sd / sc, [(n - 1) * (loo.mean() - loo)])
        out.append((diff, lift))
    return out


def unpaired(c, t, resamples, rng):
    nc, nt = len(c), len(t)
    sc, st = resampled_sums(c, resamples, rng), resampled_sums(t, resamples, rng)
    out = []
    for m in range(c.shape[1]):
        mc, mt = c[:, m].mean(), t[:, m].mean()
        rc, rt = sc[:, m] / nc, st[:, m] / nt
        diff = intervals(rt - rc, mt - mc, [t[:, m] - mt, mc - c[:, m]])
        loo = mt / ((c[:, m].sum() - c[:, m]) / (nc - 1)) - 1
        lift = intervals((rt - rc) / rc, mt / mc - 1,
                         [(t[:, m] - mt) / mc, (nc - 1) * (loo.mean() - loo)])
        out.append((diff, lift))
    return out


def main():
    folder, users, metrics, resamples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    load = lambda name: np.fromfile(f"{folder}/{name}.f64", dtype="<f8").reshape(metrics, -1).T.copy()  # noqa: E731
    c, t, ac, at = load("control"), load("test"), load("armC"), load("armT")
    assert c.shape == (users, metrics)
    w0, c0 = time.perf_counter(), time.process_time()
    p = paired(c, t, resamples, np.random.default_rng(1))
    w1, c1 = time.perf_counter(), time.process_time()
    u = unpaired(ac, at, resamples, np.random.default_rng(1))
    w2, c2 = time.perf_counter(), time.process_time()
    ci = lambda r: f"{r[0][0][1][0]:.3e} .. {r[0][0][1][1]:.3e}"  # noqa: E731
    print(json.dumps({"numpy": np.__version__, "paired": {"wall": w1 - w0, "cpu": c1 - c0},
                      "unpaired": {"wall": w2 - w1, "cpu": c2 - c1},
                      "pairedCi": ci(p), "unpairedCi": ci(u)}))


if __name__ == "__main__":
    main()
