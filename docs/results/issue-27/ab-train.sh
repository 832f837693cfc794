#!/usr/bin/env bash
# ab-train.sh OUT ROUNDS LIMIT JAR1 JAR2 ... : W1 training, jars alternating; peak RSS and CPU time by /usr/bin/time
out="$1"; rounds="$2"; limit="$3"; shift 3
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
lim=""; [ "$limit" != full ] && lim="--limit-train $limit --limit-test 2000"
for r in $(seq "$rounds"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar)
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%M %e %U %S" -o /tmp/speed/time.txt nice -n 10 $java $opts -jar "$jar" train --model w1 --data fashion-mnist \
      --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 2 --seed 1 $lim --out /tmp/speed/$name-r$r.snn4j --json 2>/dev/null | tail -n 1 > /tmp/speed/last.json
    python3 - "$r" "$name" "$load" "$(date -u +%T)" /tmp/speed/last.json /tmp/speed/time.txt >> "$out" <<'PY'
import json,sys
r,name,load,end,js,tm=sys.argv[1:]
d=json.load(open(js)); t=open(tm).read().split()
print(json.dumps({"round":int(r),"jar":name,"end_utc":end,"load_at_start":load,"train_samples_per_second":d.get("train_samples_per_second"),
 "test_accuracy":d.get("test_accuracy"),"peak_rss_mb":round(int(t[0])/1024),"wall_s":float(t[1]),"cpu_s":round(float(t[2])+float(t[3]),1)}))
PY
    tail -n 1 "$out"
  done
done
