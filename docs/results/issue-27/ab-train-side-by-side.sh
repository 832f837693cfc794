#!/usr/bin/env bash
# ab-train-side-by-side.sh SAMPLES ROUNDS JAR1 JAR2 ... : W1 training on Fashion-MNIST (the issue's command with
# --limit-train SAMPLES and --threads 1), all jars at the same time, ROUNDS times, each with the launcher's JVM
# options under /usr/bin/time (wall, CPU, peak RSS). On a loaded machine the jars then share the same load, so
# their ratios mean something where alternating runs do not. Run from the repository root.
set -euo pipefail
samples="$1"; rounds="$2"; shift 2
opts="$(./snn4j --jvm-options)"; java="$(./snn4j --java-home)/bin/java"; tmp="$(mktemp -d)"
for round in $(seq "$rounds"); do
  echo "== round $round load $(cut -d' ' -f1 /proc/loadavg)"
  i=0
  for jar in "$@"; do
    i=$((i + 1))
    ( /usr/bin/time -f "wall %e s cpu %U+%S rss %M KB" "$java" $opts -jar "$jar" train --model w1 --data fashion-mnist \
        --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 1 --seed 1 --limit-train "$samples" \
        --limit-test 2000 --json --no-progress --out "$tmp/w1-$i.snn4j" --force 2>&1 | grep -E "^wall|^\{" | tail -2 \
        | sed "s|^|$(basename "$jar" .jar) |" > "$tmp/out-$i.txt" ) &
  done
  wait
  for j in $(seq "$i"); do cat "$tmp/out-$j.txt"; done
done
rm -rf "$tmp"
