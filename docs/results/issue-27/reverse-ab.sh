#!/usr/bin/env bash
# ab.sh OUT WORKLOAD ROUNDS THREADS JAR...: W1 or W5 training, jars alternating; peak RSS, wall and CPU by /usr/bin/time
out="$1"; wl="$2"; rounds="$3"; threads="$4"; shift 4
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
for r in $(seq "$rounds"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar)
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    if [ "$wl" = w1 ]; then
      args="train --model w1 --data fashion-mnist --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads $threads --seed 1 --limit-train 3200 --limit-test 500 --no-progress --out /tmp/reverse/runs/$name-w1.snn4j --force"
    else
      args="train --model vgg11 --width 0.5 --norm none --init activity --data cifar10 --data-dir /tmp/speed/cifar-fashion --limit-train 1024 --limit-test 128 --epochs 1 --batch 32 --T 4 --lr 1e-3 --schedule constant --threads $threads --seed 1 --out /tmp/reverse/runs/$name-w5.snn4j --force --no-progress"
    fi
    /usr/bin/time -f "%M %e %U %S" -o /tmp/reverse/runs/time.txt $java $opts -jar "$jar" $args > /tmp/reverse/runs/last.log 2>&1
    sps=$(grep -o "train samples/s: [0-9.]*" /tmp/reverse/runs/last.log | awk '{print $3}')
    acc=$(grep -io "test accuracy[^,]*" /tmp/reverse/runs/last.log | head -1)
    read rss wall user sys < /tmp/reverse/runs/time.txt
    echo "round $r $wl threads $threads $name: train samples/s $sps, peak RSS $((rss/1024)) MB, wall $wall s, cpu $(echo "$user + $sys" | bc) s, load at start $load, end $(date -u +%T), $acc" | tee -a "$out"
  done
done
