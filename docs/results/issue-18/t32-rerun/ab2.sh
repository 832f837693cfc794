#!/bin/bash
# quiet A/B: bench infer T=32 (auto, dense) at 2 threads, base vs final, alternating, 4 rounds
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
for round in 1 2 3 4; do for e in auto dense; do for j in /work/baseline-894ceaa.jar /work/final.jar; do
  $java $opts -jar $j bench infer --model-file /work/bench-out/w1.snn4j --data fashion-mnist --T 32 --batch 256 --engine $e --reps 10 --warmups 3 --threads 2 --json 2>/dev/null | tail -1 > /tmp/ab2.json
  python3 -c "import json; d=json.load(open('/tmp/ab2.json')); print('$round $e $(basename $j)', round(d['samples_per_second'],1), round(d['median_batch_ms'],1))"
  cat /tmp/ab2.json >> /work/ab2-$e-$(basename $j .jar).jsonl
done; done; done
