#!/usr/bin/env bash
# `ssi scales` end to end against the same job in numpy (benchmarks/numpy_scales.py), docs/benchmarks.md
# 'ssi scales end to end': wall time of whole processes (JVM and Python start included), alternating,
# after one untimed run of each; prints every round, the medians and their ratio, and checks once that
# both print the same numbers (1e-6 relative).
#
#   benchmarks/run-scales.sh            5 rounds on Fashion-MNIST's training set
#   benchmarks/run-scales.sh 9 IMAGES LABELS
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-5}"
images="${2:-/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz}"
labels="${3:-/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz}"
out=benchmarks/target/scales
mkdir -p "$out"

java_run() { ./ssi scales --input "$images" --labels "$labels" --output csv --quiet 2>/dev/null; }
numpy_run() { python3 benchmarks/numpy_scales.py "$images" "$labels"; }
seconds() { local t0; t0=$(date +%s%N); "$@" >/dev/null; echo "$(( ($(date +%s%N) - t0) / 1000000 ))"; }

# Untimed: builds the CLI when needed, extracts OpenBLAS's natives once, warms the page cache.
java_run > "$out/ssi.csv"
python3 benchmarks/numpy_scales.py "$images" "$labels" --compare "$out/ssi.csv" > "$out/numpy.csv"

echo "started $(date -u '+%Y-%m-%dT%H:%M:%SZ'), load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
printf '%5s %12s %12s %7s\n' round "ssi (ms)" "numpy (ms)" ratio
java_ms=()
numpy_ms=()
for ((i = 1; i <= rounds; i++)); do
  j=$(seconds java_run)
  n=$(seconds numpy_run)
  java_ms+=("$j")
  numpy_ms+=("$n")
  printf '%5d %12d %12d %7.2f\n' "$i" "$j" "$n" "$(echo "$j / $n" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
jm=$(median "${java_ms[@]}")
nm=$(median "${numpy_ms[@]}")
printf '%5s %12s %12s %7.2f\n' median "$jm" "$nm" "$(echo "$jm / $nm" | bc -l)"
echo "finished $(date -u '+%Y-%m-%dT%H:%M:%SZ'), load average $(cut -d ' ' -f 1-3 /proc/loadavg)"
