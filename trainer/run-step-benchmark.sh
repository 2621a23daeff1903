#!/usr/bin/env bash
# The trainer's step-time benchmark (docs/benchmarks-trainer.md): plain CE, DSB-CE, and DSB-CE with
# features published to Kafka, on Fashion-MNIST-LT, one thread, batch 64. Arguments go to the harness:
#   trainer/run-step-benchmark.sh [model=mlp|cnn] [rounds=30] [steps=60] [warmup=300] [bootstrap=H:P] [dir=...]
# Needs the Fashion-MNIST IDX files (apt-get install dataset-fashion-mnist). Takes about a minute (mlp).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mvn -q -B -pl trainer -am install -DskipTests
mvn -q -B -pl trainer test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test

export OPT_OUT_TRACKING=true
exec java --add-modules jdk.incubator.vector -Xmx2g -XX:MaxDirectMemorySize=1g \
  -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "trainer/target/test-classes:trainer/target/classes:$(cat trainer/target/test-classpath.txt)" \
  org.semanticscale.trainer.bench.TrainerStepBenchmark "$@"
