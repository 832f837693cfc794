#!/usr/bin/env bash
# ab-train-quiet.sh SAMPLES ROUNDS JAR1 JAR2 ... : W1 training on Fashion-MNIST (the issue's command with --limit-train
# SAMPLES), the jars alternating, each with the launcher's JVM options under /usr/bin/time (wall, CPU, peak RSS).
# Run from the repository root; models go to a temporary folder. Environment: TEST_SAMPLES (default 2000), THREADS
# (default 2), NICE (a niceness; unset = not niced). The full epoch of issue 27's acceptance:
# TEST_SAMPLES=10000 THREADS=1 NICE=10 ab-train-quiet.sh 60000 1 JAR1 JAR2
set -euo pipefail
samples="$1"; rounds="$2"; shift 2
opts="$(./snn4j --jvm-options)"; java="$(./snn4j --java-home)/bin/java"; tmp="$(mktemp -d)"
for round in $(seq "$rounds"); do for jar in "$@"; do
  echo "== $(basename "$jar" .jar) round $round load $(cut -d' ' -f1 /proc/loadavg)"
  /usr/bin/time -f "wall %e s cpu %U+%S rss %M KB" ${NICE:+nice -n "$NICE"} "$java" $opts -jar "$jar" train --model w1 --data fashion-mnist --epochs 1 \
      --batch 64 --T 8 --lr 1e-3 --schedule constant --threads "${THREADS:-2}" --seed 1 --limit-train "$samples" --limit-test "${TEST_SAMPLES:-2000}" --json \
      --no-progress --out "$tmp/w1.snn4j" --force 2>&1 | grep -E "^wall|^\{" | tail -2
done; done
rm -rf "$tmp"
