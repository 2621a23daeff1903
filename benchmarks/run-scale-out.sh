#!/usr/bin/env bash
# The scale-out benchmark (docs/benchmarks.md, "Scale-out: instances and classes"): throughput and CPU per
# record of 1, 2 and 3 streams-app instances on six partitions against a pass-through, then heap, stage B's
# computation and produce-to-scale latency with many classes, all in one run against a broker in its own JVM.
#
#   benchmarks/run-scale-out.sh [records] [rounds] [classes,...] [window cap] [live seconds] [live rate]
#   defaults:                    300000    5        1000,8142     64           30             2000
# smoke run (about 3 minutes): benchmarks/run-scale-out.sh 20000 1 1000 64 10
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl benchmarks -am package -DskipTests
mkdir -p benchmarks/target/results
# 4 GB: 8,142 classes of full windows hold several hundred MB on top of the app.
java --add-modules jdk.incubator.vector -Xmx4g -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  org.semanticscale.benchmarks.streams.ScaleOutHarness "$@" | tee benchmarks/target/results/scale-out.txt
