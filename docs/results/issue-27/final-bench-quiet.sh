#!/usr/bin/env bash
# final-bench-quiet.sh OUT START FINAL: the quiet A/B of an issue-27 round, run from the repository root with no other
# work on the machine: W1 (12,800 samples, 2 threads), W5 on real images (5,120 samples, 2 then 1 threads) and bench
# infer (T 8 and 32, auto and dense); the jar before the issue (/work/jar-pre27.jar), START (main at the session's
# start) and FINAL alternating. Rounds: W1_ROUNDS (default 3), W5_ROUNDS (3), INFER_ROUNDS (2). Raw outputs in OUT.
# Needs /tmp/speed/cifar-fashion (make-cifar-from-fashion.py) and /tmp/lead/w1-pre27-3200.snn4j (see ab-infer.sh).
# Supersedes final-bench-round4.sh (the same steps with fixed rounds and jars).
set -u
out="$1"; start="$2"; final="$3"; mkdir -p "$out" /tmp/speed-fash
before=/work/jar-pre27.jar
log() { echo "$1 $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/log"; }
log start
docs/results/issue-27/ab-train-quiet.sh 12800 "${W1_ROUNDS:-3}" $before "$start" "$final" > "$out/w1.txt" 2>&1; log "w1 done"
ln -sfn /tmp/speed/cifar-fashion /tmp/speed-fash/cifar-synthetic
W5_OPTS="--init activity" W5_SAMPLES=5120 SPEED_DIR=/tmp/speed-fash docs/results/issue-27/ab-w5.sh "$out/w5-2t.jsonl" "${W5_ROUNDS:-3}" $before "$start" "$final" > /dev/null 2>&1; log "w5 2 threads done"
W5_THREADS=1 W5_OPTS="--init activity" W5_SAMPLES=5120 SPEED_DIR=/tmp/speed-fash docs/results/issue-27/ab-w5.sh "$out/w5-1t.jsonl" 1 $before "$final" > /dev/null 2>&1; log "w5 1 thread done"
WARMUPS=10 ENGINES="auto dense" docs/results/issue-27/ab-infer.sh "$out/infer.jsonl" /tmp/lead/w1-pre27-3200.snn4j "${INFER_ROUNDS:-2}" $before "$final" > /dev/null 2>&1; log "infer done"
