#!/bin/bash
# quiet A/B: W1 training (fashion-mnist, 12,800 samples, 1 epoch, batch 64, T = 8, 2 threads), base vs final, alternating
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
for round in 1 2; do for j in /work/baseline-894ceaa.jar /work/final2.jar; do
  $java $opts -jar $j train --model w1 --data fashion-mnist --epochs 1 --limit-train 12800 --limit-test 2000 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 2 --seed 1 --out /tmp/ab3.snn4j --json 2>/dev/null | tail -1 > /tmp/ab3.json
  python3 -c "import json; d=json.load(open('/tmp/ab3.json')); print('$round $(basename $j)', round(d['train_samples_per_second'],1), d['test_accuracy'])"
  cat /tmp/ab3.json >> /work/ab3-$(basename $j .jar).jsonl
done; done
