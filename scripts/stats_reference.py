#!/usr/bin/env python3
"""Reference values for tests/stats/*_test.ts, written to tests/fixtures/stats_reference.json.

Run from the repo root:  python3 scripts/stats_reference.py
Needs NumPy, SciPy (>= 1.15, for `bootstrap(..., rng=)`) and mpmath. Fully deterministic:
every sample is drawn here from a fixed seed and stored in the JSON next to the values
computed from it, so the TypeScript tests use exactly the same data.

Where each reference comes from:
  distributions  scipy.special.ndtr / ndtri / chdtr / chdtrc (Cephes); cross-checked
                 against mpmath at 50 digits (max relative deviation stored in the JSON)
  bucketing      an independent Python re-implementation of GrowthBook's SDK
                 (hash v2, getBucketRanges, chooseVariation)
  rng            a Python port of xoshiro128** and the seeding of src/rng/rng.ts
  bootstrap      scipy.stats.bootstrap (percentile and BCa), plus a brute-force
                 leave-one-out jackknife for the BCa acceleration
  srm            scipy.stats.chisquare
  welch, holm    closed forms written out below with scipy.stats.norm
  power          closed forms of PROTOCOL.md section 6 with scipy.stats.norm.ppf
"""
import base64
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
from scipy import special, stats

SEED = 20240601
OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "stats_reference.json")
M32 = 0xFFFFFFFF


# --- distributions -------------------------------------------------------------------------
def distributions():
    mpmath.mp.dps = 50
    ps = [1e-300, 1e-100, 1e-20, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 0.01, 0.02425, 0.025, 0.05, 0.1,
          0.25, 0.3, 0.4, 0.49, 0.5, 0.51, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6,
          1 - 1e-10, 1 - 2**-40]
    xs = [-38, -30, -20, -10, -8.5, -7, -5, -3, -1.96, -1, -0.5, -1e-8, 0, 0.3, 1, 1.5, 2, 3, 5, 8]
    chi = [(1e-6, 1), (0.5, 1), (3.841458820694124, 1), (10.8, 1), (50, 1), (70, 1), (0.1, 2),
           (5.99, 2), (50, 3), (80, 5), (95, 4), (3, 10), (25, 10), (120, 10), (70, 50),
           (150, 50), (900, 1000), (1200, 1000), (3000, 2000), (0.02, 7.5)]
    worst = 0.0

    def rel(a, b):
        return abs(float(a) - float(b)) / max(abs(float(b)), 1e-300)

    quant = []
    for p in ps:
        v = float(special.ndtri(p))
        exact = mpmath.findroot(lambda x: mpmath.ncdf(x) - mpmath.mpf(p), v)
        worst = max(worst, rel(v, exact))
        quant.append({"p": p, "x": v})
    cdf = []
    for x in xs:
        v = float(special.ndtr(x))
        worst = max(worst, rel(v, mpmath.ncdf(x)) if v > 0 else 0)
        cdf.append({"x": x, "cdf": v})
    chis = []
    for x, k in chi:
        sf, c = float(special.chdtrc(k, x)), float(special.chdtr(k, x))
        exact_sf = mpmath.gammainc(mpmath.mpf(k) / 2, mpmath.mpf(x) / 2, mpmath.inf, regularized=True)
        worst = max(worst, rel(sf, exact_sf), rel(c, 1 - exact_sf))
        chis.append({"x": x, "df": k, "sf": sf, "cdf": c})
    return {"source": "scipy.special ndtri/ndtr/chdtrc/chdtr", "scipyVsMpmathMaxRelDiff": worst,
            "normalQuantile": quant, "normalCdf": cdf, "chiSquare": chis}


# --- bucketing (GrowthBook SDK, re-implemented) ----------------------------------------------
def fnv1a32(s):
    h = 0x811C9DC5
    units = s.encode("utf-16-le")
    for i in range(0, len(units), 2):
        h ^= units[i] | (units[i + 1] << 8)
        h = (h * 16777619) & M32
    return h


def hash_v2(salt, value):
    return (fnv1a32(str(fnv1a32(salt + value))) % 10000) / 10000


def bucket_ranges(n, coverage, weights):
    ranges, cum = [], 0.0
    for w in weights:
        start = cum
        cum += w
        ranges.append([start, start + coverage * w])
    return ranges


def choose(h, ranges):
    for i, (a, b) in enumerate(ranges):
        if a <= h < b:
            return i
    return -1


def bucketing():
    strings = ["", "a", "foobar", "user-1", "exp1user-1", "1478497017", "ü", "日本語", "😀", "a😀b"]
    fnv = [{"s": s, "h": fnv1a32(s)} for s in strings]
    hashes = [{"salt": salt, "value": v, "h": hash_v2(salt, v)}
              for salt in ["exp1", "", "🧪"] for v in ["user-1", "user-2", "user-3", "", "ü-42"]]
    users = [f"u{i}" for i in range(1500)] + ["😀", "ü", "日本", "user with space"]
    configs = [("abreplay", [0.5, 0.5], 1.0), ("exp-2", [0.2, 0.3, 0.5], 0.6),
               ("seed", [0.333, 0.333, 0.334], 1.0), ("x", [0.1, 0.9], 0.25), ("y", [1.0], 0.5)]
    assigns = []
    for salt, weights, cov in configs:
        ranges = bucket_ranges(len(weights), cov, weights)
        assigns.append({"salt": salt, "weights": weights, "coverage": cov, "ranges": ranges,
                        "arms": [choose(hash_v2(salt, u), ranges) for u in users]})
    return {"source": "Python re-implementation of GrowthBook SDK hash v2 / getBucketRanges",
            "fnv1a32": fnv, "hashV2": hashes, "users": users, "assignments": assigns}


# --- rng (port of src/rng/rng.ts) ------------------------------------------------------------
M64 = (1 << 64) - 1


def _splitmix64(state):
    nxt = (state + 0x9E3779B97F4A7C15) & M64
    z = nxt
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31), nxt


class Xoshiro128ss:
    def __init__(self, seed):
        x, state = _splitmix64(seed & M64)
        y, _ = _splitmix64(state)
        self.s = [x & M32, x >> 32, y & M32, y >> 32]
        if not any(self.s):
            self.s[0] = 1

    def next_u32(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (32 - k))) & M32  # noqa: E731
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t  # noqa: E702
        s[3] = rotl(s[3], 11)
        return result

    def int(self, n):
        if n <= 2**21:
            m = self.next_u32() * n
            if (m & M32) < n:
                t = (2**32 - n) % n
                while (m & M32) < t:
                    m = self.next_u32() * n
            return m >> 32
        t = 2**32 % n
        x = self.next_u32()
        while x < t:
            x = self.next_u32()
        return x % n


def rng():
    out = []
    for seed in [0, 1, 42, -1, -123456789, 2**53 - 1]:
        r = Xoshiro128ss(seed)
        u32 = [r.next_u32() for _ in range(8)]
        ints = {str(n): [r.int(n) for _ in range(6)] for n in [1, 6, 170000, 2**21, 2**21 + 1, 3000000000, 2**32]}
        out.append({"seed": seed, "uint32": u32, "int": ints})
    return {"source": "Python port of xoshiro128** seeded by SplitMix64", "streams": out}


# --- bootstrap ---------------------------------------------------------------------------------
def _mean(x, axis=-1):
    return np.mean(x, axis=axis)


def _diff(c, t, axis=-1):
    return np.mean(t, axis=axis) - np.mean(c, axis=axis)


def _lift(c, t, axis=-1):
    mc = np.mean(c, axis=axis)
    return (np.mean(t, axis=axis) - mc) / mc


def jackknife_acceleration(data, stat, paired):
    """BCa acceleration by brute-force leave-one-out (Efron & Tibshirani 1993, eq. 14.15;
    per-sample sums for several independent samples, as scipy.stats.bootstrap does)."""
    if paired:
        n = len(data[0])
        th = np.array([stat(*[np.delete(d, i) for d in data]) for i in range(n)])
        groups = [(n, (n - 1) * (th.mean() - th))]
    else:
        groups = []
        for j, d in enumerate(data):
            th = np.array([stat(*[np.delete(x, i) if k == j else x for k, x in enumerate(data)])
                           for i in range(len(d))])
            groups.append((len(d), (len(d) - 1) * (th.mean() - th)))
    num = sum((u**3).sum() / n**3 for n, u in groups)
    den = sum((u**2).sum() / n**2 for n, u in groups)
    return float(num / (6 * den**1.5))


def bootstrap():
    g = np.random.default_rng(SEED)
    x = g.lognormal(0.0, 0.6, 250)
    pc = g.binomial(1, 0.4, 400) * g.beta(2, 5, 400)
    pt = pc * np.exp(g.normal(0.05, 0.3, 400)) + 0.05 * g.binomial(1, 0.1, 400)
    uc = g.binomial(1, 0.5, 300) * g.exponential(1.0, 300)
    ut = g.binomial(1, 0.55, 350) * g.exponential(1.1, 350)
    samples = {"x": x, "pairedControl": pc, "pairedTest": pt, "control": uc, "test": ut}
    cases = [("mean", (x,), _mean, False), ("pairedDiff", (pc, pt), _diff, True),
             ("pairedLift", (pc, pt), _lift, True), ("unpairedDiff", (uc, ut), _diff, False),
             ("unpairedLift", (uc, ut), _lift, False)]
    seeds = list(range(1, 51))
    out = []
    for name, data, stat, paired in cases:
        kw = dict(paired=paired, vectorized=True, confidence_level=0.95)
        case = {"name": name, "estimate": float(stat(*data)),
                "acceleration": jackknife_acceleration(data, stat, paired)}
        # exact check: scipy's own B = 2000 replicates, and the intervals scipy computes from them
        for method in ["percentile", "BCa"]:
            res = stats.bootstrap(data, stat, n_resamples=2000, method=method,
                                  rng=np.random.default_rng(SEED), **kw)
            case[method] = {"lo": float(res.confidence_interval.low),
                            "hi": float(res.confidence_interval.high)}
        case["replicates2000"] = base64.b64encode(
            res.bootstrap_distribution.astype("<f8").tobytes()).decode()
        # statistical check: mean of the bounds over 50 seeds, B = 10,000 each
        for method in ["percentile", "BCa"]:
            b = np.array([[*stats.bootstrap(data, stat, n_resamples=10000, method=method,
                                            rng=np.random.default_rng(s), **kw).confidence_interval]
                          for s in seeds])
            case[method + "10k"] = {"lo": float(b[:, 0].mean()), "hi": float(b[:, 1].mean()),
                                    "loSd": float(b[:, 0].std(ddof=1)), "hiSd": float(b[:, 1].std(ddof=1)),
                                    "runs": len(seeds)}
        out.append(case)
    return {"source": f"scipy.stats.bootstrap (scipy {scipy.__version__}), confidence 0.95",
            "samples": {k: v.tolist() for k, v in samples.items()}, "cases": out}


# --- SRM, Welch, Holm, power --------------------------------------------------------------
def srm():
    cases = [([5000, 5000], [0.5, 0.5]), ([4500, 5500], [0.5, 0.5]), ([4950, 5050], [0.5, 0.5]),
             ([3300, 3350, 3350], [1 / 3, 1 / 3, 1 / 3]), ([1990, 8010], [0.2, 0.8]),
             ([480, 520], [0.5, 0.5]), ([20, 80], [0.3, 0.7])]
    out = []
    for counts, w in cases:
        exp = np.array(w) / sum(w) * sum(counts)
        r = stats.chisquare(counts, exp)
        out.append({"counts": counts, "weights": w, "chi2": float(r.statistic), "p": float(r.pvalue)})
    return {"source": "scipy.stats.chisquare", "cases": out}


def welch(samples):
    c, t = np.array(samples["control"]), np.array(samples["test"])
    se = math.sqrt(c.var(ddof=1) / len(c) + t.var(ddof=1) / len(t))
    z = (t.mean() - c.mean()) / se
    d = np.array(samples["pairedTest"]) - np.array(samples["pairedControl"])
    se_d = d.std(ddof=1) / math.sqrt(len(d))
    zd = d.mean() / se_d
    holm_in = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04]
    order = np.argsort(holm_in, kind="stable")
    adj, run = np.empty(len(holm_in)), 0.0
    for rank, i in enumerate(order):
        run = max(run, min(1.0, (len(holm_in) - rank) * holm_in[i]))
        adj[i] = run
    return {"source": "normal approximation 2*scipy.stats.norm.sf(|z|); Holm step-down by hand",
            "unpaired": {"diff": float(t.mean() - c.mean()), "se": se, "z": float(z),
                         "p": float(2 * stats.norm.sf(abs(z)))},
            "paired": {"diff": float(d.mean()), "se": float(se_d), "z": float(zd),
                       "p": float(2 * stats.norm.sf(abs(zd)))},
            "holm": {"p": holm_in, "adjusted": adj.tolist()}}


def power():
    out = []
    for alpha, pw, sc, st_, nc, nt, mu, target, wc in [
            (0.05, 0.8, 0.3, 0.32, 85000, 85000, 0.12, 0.02, 0.5),
            (0.01, 0.9, 1.0, 1.5, 1000, 3000, 2.0, 0.05, 0.25),
            (0.05, 0.8, 0.05, 0.05, 50, 70, 0.1, 0.10, 0.7)]:
        k = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(pw)
        mde = k * math.sqrt(sc**2 / nc + st_**2 / nt)
        delta = target * mu
        n_eq = k**2 * (sc**2 + st_**2) / delta**2
        total = k**2 * (sc**2 / wc + st_**2 / (1 - wc)) / delta**2
        se = math.sqrt(sc**2 / nc + st_**2 / nt)
        zc = stats.norm.ppf(1 - alpha / 2)
        pow_at = stats.norm.cdf(delta / se - zc) + stats.norm.cdf(-delta / se - zc)
        n_paired = (k * sc / delta) ** 2
        out.append({"alpha": alpha, "power": pw, "sdControl": sc, "sdTest": st_, "nControl": nc,
                    "nTest": nt, "controlMean": mu, "targetRelative": target, "controlWeight": wc,
                    "mdeAbsolute": mde, "mdeRelative": mde / mu,
                    "mdePairedAbsolute": k * sc / math.sqrt(nc),
                    "usersPerArmEqual": math.ceil(n_eq), "usersPerArmEqualExact": n_eq,
                    "usersWeighted": [math.ceil(wc * total), math.ceil((1 - wc) * total)],
                    "usersPaired": math.ceil(n_paired),
                    "powerAtObserved": float(pow_at)})
    return {"source": "PROTOCOL.md section 6 closed forms with scipy.stats.norm", "cases": out}


def main():
    boot = bootstrap()
    ref = {
        "generatedBy": "scripts/stats_reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__,
                     "scipy": scipy.__version__, "mpmath": mpmath.__version__},
        "distributions": distributions(), "bucketing": bucketing(), "rng": rng(),
        "bootstrap": boot, "srm": srm(), "welch": welch(boot["samples"]), "power": power(),
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.normpath(OUT)}; scipy vs mpmath max rel diff "
          f"{ref['distributions']['scipyVsMpmathMaxRelDiff']:.2e}")


if __name__ == "__main__":
    main()
