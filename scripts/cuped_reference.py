"""Reference values for CUPED (src/stats/cuped.ts), computed with NumPy.

Writes tests/fixtures/cuped.csv (a seeded synthetic A/B sample: arm, x, y, and a
paired control/test pair per user) and tests/fixtures/cuped_reference.json with
theta, the adjusted difference, its standard error, the variance reduction,
interval and p-value, each computed here independently of the TypeScript code:
theta as the slope of np.polyfit (least squares) on the pooled data (A/B) or on
the per-user deltas (paired), variances with np.var(ddof=1), the normal quantile
and tail from scipy.stats.norm.

Run: python3 scripts/cuped_reference.py
"""
import json
from pathlib import Path

import numpy as np
from scipy.stats import norm

ROOT = Path(__file__).resolve().parent.parent
rng = np.random.default_rng(20261130)
n = 400
x = rng.poisson(6, size=n).astype(float)  # pre-period activity
arm = (rng.random(n) < 0.5).astype(int)
y = 0.02 * x + 0.03 * arm + rng.normal(0, 0.08, size=n)  # metric, correlated with x
yc_pair = 0.02 * x + rng.normal(0, 0.08, size=n)
yt_pair = yc_pair + 0.01 + 0.004 * (x - 6) + rng.normal(0, 0.05, size=n)

lines = ["arm,x,y,paired_control,paired_test"]
for i in range(n):
    lines.append(f"{arm[i]},{x[i]:.0f},{float(y[i])!r},{float(yc_pair[i])!r},{float(yt_pair[i])!r}")
(ROOT / "tests/fixtures/cuped.csv").write_text("\n".join(lines) + "\n")

# read back what was written, so both sides use the same doubles
data = np.genfromtxt(ROOT / "tests/fixtures/cuped.csv", delimiter=",", names=True)
x, arm, y = data["x"], data["arm"].astype(int), data["y"]
z = norm.ppf(0.975)


def summary(theta, delta, se, se_plain):
    return {
        "theta": theta,
        "delta": delta,
        "se": se,
        "varianceReduction": 1 - se**2 / se_plain**2,
        "ci": [delta - z * se, delta + z * se],
        "p": float(2 * norm.sf(abs(delta / se))),
    }


theta = float(np.polyfit(x, y, 1)[0])
adj = y - theta * (x - x.mean())
c, t = arm == 0, arm == 1
se = float(np.sqrt(adj[c].var(ddof=1) / c.sum() + adj[t].var(ddof=1) / t.sum()))
se_plain = float(np.sqrt(y[c].var(ddof=1) / c.sum() + y[t].var(ddof=1) / t.sum()))
unpaired = summary(theta, float(adj[t].mean() - adj[c].mean()), se, se_plain)

d = data["paired_test"] - data["paired_control"]
theta_d = float(np.polyfit(x, d, 1)[0])
d_adj = d - theta_d * (x - x.mean())
paired = summary(
    theta_d,
    float(d_adj.mean()),
    float(d_adj.std(ddof=1) / np.sqrt(n)),
    float(d.std(ddof=1) / np.sqrt(n)),
)
out = {"confidence": 0.95, "unpaired": unpaired, "paired": paired}
(ROOT / "tests/fixtures/cuped_reference.json").write_text(json.dumps(out, indent=2) + "\n")
print(json.dumps(out, indent=2))
