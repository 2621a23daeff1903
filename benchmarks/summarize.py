#!/usr/bin/env python3
"""Turns one run.sh run (JMH's jmh.json and numpy_volume.py's numpy.json) into the markdown tables of
docs/benchmarks.md: medians of the measured iterations (JMH) or calls (numpy), and their ratios.

Usage: summarize.py RESULTS_DIR
"""
import json
import os
import statistics
import sys

PACKAGE = "org.semanticscale.benchmarks."
FROM_SCRATCH = PACKAGE + "FromScratchVolumeBenchmark.volume"
ND4J = PACKAGE + "Nd4jVolumeBenchmark.volume"
SLIDES = [
    (PACKAGE + "WindowSlideBenchmark.scatterSlide", "scatter update+revert"),
    (PACKAGE + "WindowSlideBenchmark.scatterSlideAndRead", "scatter update+revert+volume()"),
    (PACKAGE + "WindowSlideBenchmark.rankOneCholeskySlideAndRead", "rank-1 Cholesky update+downdate+read"),
]
COPY_COSTS = [(PACKAGE + "BlasCopyCostBenchmark." + name, name)
              for name in ("volume", "blasOnly", "widenOnHeap", "copyOffHeap")]
SLIDE_WINDOW = 1024
SLIDE_TARGET = 50
TO_MS = {"ms/op": 1.0, "us/op": 1e-3, "ns/op": 1e-6, "s/op": 1e3}


def jmh_medians(path):
    """{(benchmark, d, m, kernel): median ms} over every measured iteration of every fork."""
    medians = {}
    with open(path) as f:
        for result in json.load(f):
            params = result.get("params", {})
            metric = result["primaryMetric"]
            scores = [s for fork in metric["rawData"] for s in fork]
            key = (result["benchmark"], int(params["d"]), int(params.get("m", SLIDE_WINDOW)), params.get("kernel"))
            medians[key] = statistics.median(scores) * TO_MS[metric["scoreUnit"]]
    return medians


def numpy_medians(path):
    """{(d, m): median ms} and the BLAS description, or empty when numpy did not run."""
    if not os.path.exists(path):
        return {}, "not run"
    with open(path) as f:
        data = json.load(f)
    return {(r["d"], r["m"]): r["median_ms"] for r in data["results"]}, data["blas"]


def cell(value, digits=3):
    return "-" if value is None else "%.*f" % (digits, value)


def ratio(a, b):
    return None if a is None or b is None else a / b


def from_scratch_table(jmh, numpy):
    """Java auto (what the launcher runs: OpenBLAS above the crossover) is the column held against numpy."""
    sizes = sorted({(d, m) for (b, d, m, _) in jmh if b == FROM_SCRATCH} | set(numpy))
    lines = ["| d | m | Java auto | Java vector | Java scalar | ND4J | numpy | auto / numpy | vector / numpy"
             " | auto / ND4J | auto / vector |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    met = 0
    for d, m in sizes:
        auto = jmh.get((FROM_SCRATCH, d, m, "auto"))
        vector = jmh.get((FROM_SCRATCH, d, m, "vector"))
        scalar = jmh.get((FROM_SCRATCH, d, m, "scalar"))
        nd4j = jmh.get((ND4J, d, m, None))
        base = numpy.get((d, m))
        met += auto is not None and base is not None and auto <= base
        lines.append("| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            d, m, cell(auto), cell(vector), cell(scalar), cell(nd4j), cell(base),
            cell(ratio(auto, base), 2), cell(ratio(vector, base), 2), cell(ratio(auto, nd4j), 2),
            cell(ratio(auto, vector), 2)))
    lines.append("")
    lines.append("Java auto at or below numpy: %d of %d sizes." % (met, len(sizes)))
    return lines


def slide_table(jmh, numpy):
    dims = sorted({d for (b, d, _, _) in jmh if b in dict(SLIDES)})
    header = "| d | " + " | ".join(name + " (us)" for _, name in SLIDES) \
        + " | numpy from scratch, m=%d (us) | " % SLIDE_WINDOW \
        + " | ".join("x faster: " + name for _, name in SLIDES) + " |"
    lines = [header, "|" + "---:|" * (2 + 2 * len(SLIDES))]
    for d in dims:
        slides = [jmh.get((b, d, SLIDE_WINDOW, None)) for b, _ in SLIDES]
        base = numpy.get((d, SLIDE_WINDOW))
        speedups = [ratio(base, s) for s in slides]
        lines.append("| %d | %s | %s | %s |" % (
            d, " | ".join(cell(None if s is None else s * 1e3, 2) for s in slides),
            cell(None if base is None else base * 1e3, 0), " | ".join(cell(x, 0) for x in speedups)))
    lines.append("")
    lines.append("Target: one slide at least %dx faster than numpy from scratch at the same d and m." % SLIDE_TARGET)
    return lines


def copy_cost_table(jmh):
    """The OpenBLAS path's whole volume against its BLAS calls alone, and the two copies on their own."""
    sizes = sorted({(d, m) for (b, d, m, _) in jmh if b == COPY_COSTS[0][0]})
    lines = ["| d | m | " + " | ".join(name + " (ms)" for _, name in COPY_COSTS) + " | outside BLAS |",
             "|" + "---:|" * (3 + len(COPY_COSTS))]
    for d, m in sizes:
        values = [jmh.get((b, d, m, None)) for b, _ in COPY_COSTS]
        outside = None if values[0] is None or values[1] is None else 1 - values[1] / values[0]
        lines.append("| %d | %d | %s | %s |" % (
            d, m, " | ".join(cell(v) for v in values), "-" if outside is None else "%.0f %%" % (100 * outside)))
    return lines


def main():
    results = sys.argv[1]
    jmh = jmh_medians(os.path.join(results, "jmh.json"))
    numpy, blas = numpy_medians(os.path.join(results, "numpy.json"))
    stamps = {}
    for stamp in ("started", "finished"):
        path = os.path.join(results, stamp)
        stamps[stamp] = open(path).read().strip() if os.path.exists(path) else "?"
    out = ["Started %s; finished %s (UTC; 1/5/15-minute load averages, this run's own included)." % (
               stamps["started"], stamps["finished"]), "", "numpy: %s." % blas, "",
           "### Volume from scratch (ms, medians)", ""]
    out += from_scratch_table(jmh, numpy)
    if any(b == COPY_COSTS[0][0] for (b, _, _, _) in jmh):
        out += ["", "### The OpenBLAS path's costs (ms, medians)", ""]
        out += copy_cost_table(jmh)
    out += ["", "### One window slide, m = %d (us, medians)" % SLIDE_WINDOW, ""]
    out += slide_table(jmh, numpy)
    print("\n".join(out))


if __name__ == "__main__":
    main()
