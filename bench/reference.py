"""A straightforward vectorised NumPy implementation of the rounds bench/harness.ts times.

Same problem (grad f_i(x) = a * x - s_i * u, with the data formulas of harness.ts's benchData), same top-k
(k = ceil(d/100), by np.argpartition with efcheck's lower-index tie rule), same rounds, same start state
(g_i^0 = grad f_i(x^0), x^0 = 0), and the same floating-point operations in the same order, so x after R rounds is bit-identical to efcheck's.
State is an n x d array per per-node vector (G, and V for EF21-SGDM), updated in place as NumPy code would be.

  python3 bench/reference.py run   < {"method", "n", "d", "k", "rounds", "reps", "gamma", "eta"}  -> timing JSON
  python3 bench/reference.py facts                                                            -> version JSON
"""
import hashlib
import json
import os
import platform
import sys
import time

import numpy as np

HASH_A = 2654435761
HASH_U = 2246822519
TWO32 = 2**32


def bench_data(n, d):
    j = np.arange(d, dtype=np.int64)
    a = 1.0 + ((j * HASH_A) % TWO32) / TWO32
    u = 2.0 * ((((j + 1) * HASH_U) % TWO32) / TWO32) - 1.0
    s = (np.arange(n, dtype=np.float64) + 1.0) / n
    return a, u, s


def init(method, n, d, a, u, s):
    x = np.zeros(d)
    G = a * x - s[:, None] * u
    # efcheck's mean(): rows added in node order, then scaled by 1/n.
    g = np.zeros(d)
    for i in range(n):
        g += G[i]
    g *= 1.0 / n
    V = G.copy() if method == "ef21-sgdm" else None
    return x, g, G, V


def top_k_indices(diff, k, d):
    """efcheck's top-k rule: the k largest |diff_ij| of each row, ties at the threshold broken toward the lower
    index (src/compressors/top-k.ts). argpartition alone picks an arbitrary subset of tied entries, which once made
    x differ after 5000 rounds; the check costs one comparison pass, and rows with a real choice are redone."""
    a = np.abs(diff)
    idx = np.argpartition(a, d - k, axis=1)[:, d - k:]
    t = np.take_along_axis(a, idx[:, :1], axis=1)  # position d - k holds each row's k-th largest |value|
    ties_total = (a == t).sum(axis=1)
    ties_kept = (np.take_along_axis(a, idx, axis=1) == t).sum(axis=1)
    for r in np.nonzero(ties_kept < ties_total)[0]:
        above = np.nonzero(a[r] > t[r, 0])[0]
        tied = np.nonzero(a[r] == t[r, 0])[0][: k - above.size]
        idx[r] = np.concatenate([above, tied])
    return idx


def compress_and_aggregate(diff, G, g, k, n, d):
    """c_i = TopK(diff_i); G_i += c_i; g += (1/n) sum_i c_i, from the k kept entries only."""
    idx = top_k_indices(diff, k, d)
    vals = np.take_along_axis(diff, idx, axis=1)
    G[np.arange(n)[:, None], idx] += vals
    g = g.copy()
    np.add.at(g, idx.ravel(), (vals * (1.0 / n)).ravel())
    return g


def ef21_round(x, g, G, V, c):
    a, u, s, k, n, d, gamma = c["a"], c["u"], c["s"], c["k"], c["n"], c["d"], c["gamma"]
    x = x - gamma * g
    diff = a * x - s[:, None] * u
    diff -= G
    return x, compress_and_aggregate(diff, G, g, k, n, d), G, V


def ef21_sgdm_round(x, g, G, V, c):
    a, u, s, k, n, d, gamma, eta = c["a"], c["u"], c["s"], c["k"], c["n"], c["d"], c["gamma"], c["eta"]
    x = x - gamma * g
    V = (1 - eta) * V + eta * (a * x - s[:, None] * u)
    diff = V - G
    return x, compress_and_aggregate(diff, G, g, k, n, d), G, V


def run(cfg):
    n, d, k, rounds, reps = cfg["n"], cfg["d"], cfg["k"], cfg["rounds"], cfg["reps"]
    a, u, s = bench_data(n, d)
    c = dict(cfg, a=a, u=u, s=s)
    step = ef21_round if cfg["method"] == "ef21" else ef21_sgdm_round
    x0, g0, G0, V0 = init(cfg["method"], n, d, a, u, s)

    def fresh():
        return x0.copy(), g0.copy(), G0.copy(), None if V0 is None else V0.copy()

    state = fresh()
    for _ in range(2):  # warm-up, as on the efcheck side
        state = step(*state, c)
    samples, wall, system, total, digest = [], [], 0.0, 0.0, ""
    for r in range(-1, reps):  # repetition -1 is untimed, as on the efcheck side
        state = fresh()
        t0, p0, c0 = time.perf_counter(), time.process_time(), os.times()
        for _ in range(rounds):
            state = step(*state, c)
        cpu, c1 = time.process_time() - p0, os.times()
        if r < 0:
            state = None
            continue
        wall.append(rounds / (time.perf_counter() - t0))
        samples.append(rounds / cpu)
        # os.times() ticks at 10 ms: good enough for the kernel's share over all reps, not for the rate itself.
        system += c1.system - c0.system
        total += (c1.user - c0.user) + (c1.system - c0.system)
        if r == 0:
            digest = hashlib.sha256(np.ascontiguousarray(state[0]).tobytes()).hexdigest()
        state = None
    return {
        "roundsPerSecond": float(np.median(samples)),
        "roundsPerWallSecond": float(np.median(wall)),
        "samples": samples,
        "systemShare": system / total if total > 0 else 0.0,
        "xSha256": digest,
    }


def facts():
    out = {"python": platform.python_version(), "numpy": np.__version__}
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        out["blas"] = f"{blas.get('name')} {blas.get('version')}"
    except Exception as e:  # noqa: BLE001 - facts are best effort
        out["blas"] = f"unknown ({e})"
    try:
        import ctypes
        import glob

        libs = glob.glob(os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*"))
        f = ctypes.CDLL(libs[0]).scipy_openblas_get_corename64_
        f.restype = ctypes.c_char_p
        out["openblasCore"] = f().decode()
    except Exception as e:  # noqa: BLE001
        out["openblasCore"] = f"unknown ({type(e).__name__})"
    try:
        from numpy._core._multiarray_umath import __cpu_features__

        wanted = ["AVX2", "FMA3", "AVX512F", "AVX512_SKX"]
        out["numpySimd"] = [f for f in wanted if __cpu_features__.get(f)]
    except Exception:  # noqa: BLE001
        pass
    out["note"] = "these rounds use no BLAS: elementwise ufuncs, argpartition (introselect) and add.at run on NumPy's own SIMD loops"
    return out


if __name__ == "__main__":
    if sys.argv[1:] == ["facts"]:
        print(json.dumps(facts()))
    elif sys.argv[1:] == ["run"]:
        print(json.dumps(run(json.load(sys.stdin))))
    else:
        sys.exit("usage: reference.py run < config.json | reference.py facts")
