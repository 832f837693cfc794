#!/usr/bin/env bash
# Runs the training experiments of docs/EXPERIMENTS.md one after another and keeps each run's JSON
# result line in $OUT/<name>.json (and the full log in $OUT/<name>.log).
# Usage: scripts/experiments.sh [OUT_DIR] [names... | panda]   (default: all but the panda ones, OUT_DIR=runs/experiments)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/experiments}"; shift || true
mkdir -p "$out"
# Build once and run a copy of the jar, so that editing sources meanwhile cannot disturb a run.
cp "$(./snn4j --jar)" "$out/snn4j.jar"
java="$(./snn4j --java-home)/bin/java"
jvm_options="$(./snn4j --jvm-options)"

declare -A exp=(
  [default]="--no-progress"
  [w1-fmnist-1ep]="--model w1 --data fashion-mnist --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant"
  [w1-fmnist-1ep-ann]="--model w1 --data fashion-mnist --epochs 1 --batch 64 --lr 1e-3 --schedule constant --ann"
  [w1-fmnist-5ep]="--model w1 --data fashion-mnist --epochs 5 --batch 64 --T 8 --lr 1e-3"
  [w1-fmnist-5ep-ann]="--model w1 --data fashion-mnist --epochs 5 --batch 64 --lr 1e-3 --ann"
  [lenet-lee-digits]="--model lenet --encoder bernoulli --gain 0.5 --T 20 --epochs 3 --batch 64 --optimizer sgd --momentum 0 --lr 0.0085 --loss sse --weight-decay 5e-4 --schedule constant"
  [lenet-lee-digits-adam]="--model lenet --encoder bernoulli --gain 0.5 --T 20 --epochs 3 --batch 32 --lr 1e-3"
  [lenet-lee-digits-ann]="--model lenet --epochs 3 --batch 32 --lr 1e-3 --ann"
  [vgg7-fmnist]="--model vgg7 --width 0.25 --data fashion-mnist --epochs 2 --T 4 --lr 1e-3"
  [vgg7-fmnist-ann]="--model vgg7 --width 0.25 --data fashion-mnist --epochs 2 --lr 1e-3 --ann"
)
# Issue 6 (Panda et al.), docs/EXPERIMENTS.md: one epoch over the first 10,000 Fashion-MNIST training images,
# one thread each (the machine was shared). `scripts/experiments.sh DIR panda` runs them all.
panda=()
small="--data fashion-mnist --epochs 1 --limit-train 10000 --threads 1"
for T in 2 4 8; do for s in 1 2; do
  exp[panda-w1-T$T-s$s-ce]="--model w1 $small --T $T --seed $s"
  exp[panda-w1-T$T-s$s-stochmax]="--model w1 $small --T $T --seed $s --loss stochmax:1:gaussian:linear"
  panda+=(panda-w1-T$T-s$s-ce panda-w1-T$T-s$s-stochmax)
  if [ $T -lt 8 ]; then
    exp[panda-w1-T$T-s$s-stochmax-target]="--model w1 $small --T $T --seed $s --loss stochmax:1:target:linear"
    panda+=(panda-w1-T$T-s$s-stochmax-target)
  fi
  if [ $T -eq 2 ]; then
    exp[panda-w1-T2-s$s-stochmax3]="--model w1 $small --T 2 --seed $s --loss stochmax:3:gaussian:linear"
    panda+=(panda-w1-T2-s$s-stochmax3)
  fi
done; done
for s in 1 2; do
  for m in backres-vgg1 backres-vgg2 backres-vgg3 plain-vgg2 plain-vgg3; do
    exp[panda-$m-s$s]="--model $m $small --limit-test 5000 --T 4 --seed $s"
    panda+=(panda-$m-s$s)
  done
  for k in 0 1 2; do
    exp[panda-hybrid$k-s$s]="--model plain-vgg1 $small --limit-test 5000 --T 4 --seed $s --hybrid $k"
    panda+=(panda-hybrid$k-s$s)
  done
  exp[panda-hybrid1-membrane-s$s]="--model plain-vgg1 $small --limit-test 5000 --T 4 --seed $s --hybrid 1 --boundary membrane"
  exp[panda-plain-vgg1-ann-s$s]="--model plain-vgg1 $small --limit-test 5000 --seed $s --ann"
  panda+=(panda-hybrid1-membrane-s$s panda-plain-vgg1-ann-s$s)
done
names=("$@")
[ "${names[*]}" != panda ] || names=("${panda[@]}")
[ ${#names[@]} -gt 0 ] || names=(default w1-fmnist-1ep w1-fmnist-1ep-ann lenet-lee-digits lenet-lee-digits-ann vgg7-fmnist vgg7-fmnist-ann w1-fmnist-5ep w1-fmnist-5ep-ann)
for n in "${names[@]}"; do
  args="${exp[$n]:?unknown experiment $n}"
  echo "== $n: ./snn4j train $args" >&2
  start=$(date +%s)
  # shellcheck disable=SC2086
  /usr/bin/time -f "peak_rss_kb %M" "$java" $jvm_options \
      -jar "$out/snn4j.jar" train $args --no-progress --json --out "$out/$n.snn4j" \
      > "$out/$n.out" 2> "$out/$n.log"
  tail -n 1 "$out/$n.out" > "$out/$n.json"
  echo "   $(( $(date +%s) - start )) s, $(grep peak_rss_kb "$out/$n.log")" >&2
done
