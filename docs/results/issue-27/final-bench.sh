#!/usr/bin/env bash
# final-bench.sh FINALJAR: the quiet A/B of issue 27 at the end of the session (run from /work/main)
# (the lead's end-of-session run of issue 27 on the Zen 4 kind; then ab-train-quiet.sh 12800 3 JAR-BEFORE FINALJAR for three more W1 rounds)
set -u
final="$1"; out=/tmp/final; mkdir -p $out /tmp/speed
cd /work/main
echo "start $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" > $out/log
docs/results/issue-27/ab-train-quiet.sh 12800 2 /work/jar-pre27.jar /work/jar-main0.jar "$final" > $out/w1.txt 2>&1
echo "w1 done $(date -u +%T)" >> $out/log
WARMUPS=10 ENGINES="auto dense" docs/results/issue-27/ab-infer.sh $out/infer.jsonl /tmp/lead/w1-pre27-3200.snn4j 2 /work/jar-pre27.jar "$final" > /dev/null 2>&1
echo "infer done $(date -u +%T)" >> $out/log
mkdir -p /tmp/speed-syn && ln -sfn /tmp/speed/cifar-big /tmp/speed-syn/cifar-synthetic
W5_SAMPLES=1280 SPEED_DIR=/tmp/speed-syn docs/results/issue-27/ab-w5.sh $out/w5-synthetic.jsonl 2 /work/jar-pre27.jar "$final" > /dev/null 2>&1
echo "w5 synthetic done $(date -u +%T)" >> $out/log
mkdir -p /tmp/speed-fash && ln -sfn /tmp/speed/cifar-fashion /tmp/speed-fash/cifar-synthetic
W5_OPTS="--init activity" W5_SAMPLES=1280 SPEED_DIR=/tmp/speed-fash docs/results/issue-27/ab-w5.sh $out/w5-fashion.jsonl 2 /work/jar-pre27.jar "$final" > /dev/null 2>&1
echo "w5 fashion done $(date -u +%T)" >> $out/log
TEST_SAMPLES=10000 THREADS=1 docs/results/issue-27/ab-train-quiet.sh 60000 1 /work/jar-pre27.jar "$final" > $out/w1-full-epoch.txt 2>&1
echo "full epoch done $(date -u +%T)" >> $out/log
