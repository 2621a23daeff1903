#!/usr/bin/env python3
"""Volume from scratch in numpy: the baseline the core's kernel is held against (docs/benchmarks.md).

Same formula and sizes as FromScratchVolumeBenchmark, in float64: centre, Gram matrix on the smaller
side, 1/2 log2 det(I + (d/m) G) by np.linalg.slogdet. Prints the median time per size after a
warm-up; --json also writes the medians for summarize.py.
"""
import argparse
import ctypes
import glob
import json
import math
import os
import statistics
import time

import numpy as np

DIMENSIONS = (64, 256, 512)
SAMPLES = (256, 1024, 4096)


def volume(x):
    """1/2 log2 det(I + (d/m) Zc^T Zc) of the rows of x (m x d)."""
    return centred_volume(x - x.mean(axis=0))


def centred_volume(zc):
    """volume() of rows already centred."""
    m, d = zc.shape
    # Gram on the smaller side: det(I_d + c Zc^T Zc) = det(I_m + c Zc Zc^T).
    gram = zc @ zc.T if m <= d else zc.T @ zc
    a = gram * (d / m)
    a.flat[:: a.shape[0] + 1] += 1
    _, logdet = np.linalg.slogdet(a)
    return 0.5 * logdet / math.log(2)


def median_ms(x, warmup, min_reps, min_seconds):
    """Median wall time of volume(x) in ms, over at least min_reps calls and min_seconds."""
    for _ in range(warmup):
        volume(x)
    times = []
    start = time.perf_counter()
    while len(times) < min_reps or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter_ns()
        volume(x)
        times.append(time.perf_counter_ns() - t0)
    return statistics.median(times) / 1e6, len(times)


def blas_description():
    """numpy's OpenBLAS build, kernel and threads when it is the scipy-openblas wheel, else numpy's version."""
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "libscipy_openblas*"))
    if not libs:
        return "numpy " + np.__version__
    blas = ctypes.CDLL(libs[0])
    blas.scipy_openblas_get_config64_.restype = ctypes.c_char_p
    threads = blas.scipy_openblas_get_num_threads64_()
    return "numpy %s, %s, %d threads" % (np.__version__, blas.scipy_openblas_get_config64_().decode(), threads)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=10, help="calls before timing (default 10)")
    parser.add_argument("--reps", type=int, default=50, help="timed calls at least (default 50)")
    parser.add_argument("--seconds", type=float, default=2.0, help="timed seconds at least per size (default 2)")
    parser.add_argument("--json", help="also write the medians to this file")
    args = parser.parse_args()

    print(blas_description())
    print("%5s %6s %12s %6s" % ("d", "m", "median ms", "reps"))
    rows = []
    rng = np.random.default_rng(42)
    for d in DIMENSIONS:
        for m in SAMPLES:
            x = rng.standard_normal((m, d))
            ms, reps = median_ms(x, args.warmup, args.reps, args.seconds)
            print("%5d %6d %12.3f %6d" % (d, m, ms, reps), flush=True)
            rows.append({"d": d, "m": m, "median_ms": ms, "reps": reps})
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"blas": blas_description(), "results": rows}, out, indent=1)


if __name__ == "__main__":
    main()
