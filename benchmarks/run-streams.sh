#!/usr/bin/env bash
# The streams-app benchmark (docs/benchmarks.md, "Streams-app"): throughput of the app against a
# pass-through topology over the same long-tailed stream, produce-to-scale latency, and heap with
# 100 classes x 2048 x 64-d windows, all in one run against a broker in its own JVM.
#
#   benchmarks/run-streams.sh [records] [rounds] [partitions] [guarantee] [features|samples]
#   defaults:                  300000    5        1            exactly_once_v2  features
# samples: labelled samples of 784 float32 (Fashion-MNIST pixels when installed) on the samples topic, for
# the input view's cost against a pass-through of the same records (docs/benchmarks.md, "The input view").
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/target/results
java --add-modules jdk.incubator.vector -Xmx2g -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.semanticscale.benchmarks.streams.StreamsThroughputHarness "$@" | tee benchmarks/target/results/streams.txt
