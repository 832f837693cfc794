#!/usr/bin/env bash
# gemm5-ab-w1.sh OUT ROUNDS [EXTRA_JVM_FLAGS] JAR1 JAR2 ... : W1 training (brief's command, one thread), jars alternating;
# train samples/s from the run's JSON, CPU seconds and peak RSS by /usr/bin/time, load average at the start.
out="$1"; rounds="$2"; extra="$3"; shift 3
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow $extra"
mkdir -p /tmp/gemm5
for r in $(seq "$rounds"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar)
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%M %e %U %S" -o /tmp/gemm5/time.txt $java $opts -jar "$jar" train --model w1 --data fashion-mnist \
      --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 1 --seed 1 --limit-train 3200 --limit-test 500 \
      --no-progress --out /tmp/gemm5/w1-$name.snn4j --force --json 2>/dev/null | tail -n 1 > /tmp/gemm5/last.json
    python3 - "$r" "$name" "$load" "$(date -u +%T)" "$extra" /tmp/gemm5/last.json /tmp/gemm5/time.txt >> "$out" <<'PY'
import json,sys
r,name,load,end,extra,js,tm=sys.argv[1:]
d=json.load(open(js)); t=open(tm).read().split()
print(json.dumps({"round":int(r),"jar":name,"jvm_extra":extra,"end_utc":end,"load_at_start":load,"train_samples_per_second":d.get("train_samples_per_second"),
 "train_loss":d["history"][0]["trainLoss"],"test_accuracy":d.get("test_accuracy"),"peak_rss_mb":round(int(t[0])/1024),"wall_s":float(t[1]),"cpu_s":round(float(t[2])+float(t[3]),1)}))
PY
    tail -n 1 "$out"
  done
done
