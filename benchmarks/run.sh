#!/usr/bin/env bash
# Measures the volume kernel and window slides against the ND4J and numpy baselines in one run
# (docs/benchmarks.md). Builds the benchmarks with the nd4j profile, checks that the ND4J baseline and
# the rank-1 window compute the core's volume, runs JMH, then numpy when it is importable, and writes
# everything to benchmarks/target/results/: jmh.json and jmh.txt, numpy.json and numpy.txt, and
# summary.md (medians and ratios, by summarize.py).
#
#   benchmarks/run.sh                  the full run (about 20 minutes on 2 cores)
#   benchmarks/run.sh --smoke          one short fork per benchmark, to check that everything runs
#   benchmarks/run.sh [JMH args...]    e.g. 'WindowSlide' or '-p d=64': passed to JMH as they are
set -euo pipefail
cd "$(dirname "$0")/.."

jmh_args=()
numpy_args=()
if [[ "${1:-}" == "--smoke" ]]; then
  shift
  jmh_args=(-f 1 -wi 1 -i 1 -w 200ms -r 200ms)
  numpy_args=(--warmup 1 --reps 3 --seconds 0)
fi
jmh_args+=("$@")

out=benchmarks/target/results

# Only the benchmark module's tests, which check that the baselines are like for like. The package
# phase copies the runtime jars, ND4J's included, to a fresh benchmarks/target/lib.
rm -rf benchmarks/target/lib
mvn -q -B -pl benchmarks -am -Pnd4j package \
  -Dtest='Nd4jVolumeTest,RankOneCholeskyWindowTest' -Dsurefire.failIfNoSpecifiedTests=false
mkdir -p "$out"

stamp() { echo "$(date -u '+%Y-%m-%dT%H:%M:%SZ'), load average $(cut -d ' ' -f 1-3 /proc/loadavg)"; }
stamp > "$out/started"
# The core's OpenBLAS kernel as the ./ssi launcher picks it (AVX-512 kernels when the CPU has them);
# numpy below keeps its own choice.
jmh_env=()
if [ -z "${OPENBLAS_CORETYPE:-}" ] && grep -qw avx512f /proc/cpuinfo 2>/dev/null; then
  jmh_env=(OPENBLAS_CORETYPE=SkylakeX)
fi
env "${jmh_env[@]}" java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main \
  -rf json -rff "$out/jmh.json" "${jmh_args[@]}" | tee "$out/jmh.txt"

if python3 -c 'import numpy' 2>/dev/null; then
  python3 benchmarks/numpy_volume.py --json "$out/numpy.json" "${numpy_args[@]}" | tee "$out/numpy.txt"
else
  echo "numpy is not importable: no numpy baseline in this run" >&2
  rm -f "$out/numpy.json"
fi
stamp > "$out/finished"

python3 benchmarks/summarize.py "$out" | tee "$out/summary.md"
