#!/usr/bin/env bash
# ab-w5.sh OUT ROUNDS JAR1 JAR2 ... : W5 (vgg11, width 0.5, synthetic CIFAR-10-shaped data) training, jars alternating.
# W5 has no normalisation: a jar whose train command has --norm (its vgg11 recipe names tdbn) gets --norm none.
# Training samples: $W5_SAMPLES (default 320); threads: $W5_THREADS (default 2); $W5_OPTS: more train options (e.g. --init activity, for real images: make-cifar-from-fashion.py). Scratch files and models in $SPEED_DIR (default /tmp/speed; it holds cifar-synthetic, see make-cifar-shaped.py).
out="$1"; rounds="$2"; shift 2
dir="${SPEED_DIR:-/tmp/speed}"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
for r in $(seq "$rounds"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar); load=$(cut -d' ' -f1-3 /proc/loadavg)
    norm=$($java $opts -jar "$jar" train --help 2>/dev/null | grep -q -e '--norm=' && echo "--norm none" || true)
    /usr/bin/time -f "%M %e %U %S" -o $dir/time-w5.txt nice -n 10 $java $opts -jar "$jar" train --model vgg11 --width 0.5 $norm ${W5_OPTS:-} \
      --data cifar10 --data-dir $dir/cifar-synthetic --limit-train ${W5_SAMPLES:-320} --limit-test 128 --epochs 1 --batch 32 --T 4 --lr 1e-3 \
      --schedule constant --threads ${W5_THREADS:-2} --seed 1 --out $dir/w5-$name-r$r.snn4j --json 2>$dir/w5-$name.err | tail -n 1 > $dir/last-w5.json
    python3 - "$r" "$name" "$load" "$(date -u +%T)" $dir/last-w5.json $dir/time-w5.txt ${W5_THREADS:-2} >> "$out" <<'PY'
import json,sys
r,name,load,end,js,tm=sys.argv[1:7]
d=json.load(open(js)); t=open(tm).read().split()
print(json.dumps({"round":int(r),"jar":name,"threads":int(sys.argv[7]),"end_utc":end,"load_at_start":load,"train_samples_per_second":d.get("train_samples_per_second"),
 "test_accuracy":d.get("test_accuracy"),"peak_rss_mb":round(int(t[0])/1024),"wall_s":float(t[1]),"cpu_s":round(float(t[2])+float(t[3]),1)}))
PY
    tail -n 1 "$out"
  done
done
