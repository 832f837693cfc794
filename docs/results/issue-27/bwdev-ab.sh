#!/usr/bin/env bash
# bwdev-ab.sh OUT W1|W5 ROUNDS JAR1 JAR2 ... : whole training runs (one thread) of helper-preamble.md's W1 or W5, jars
# alternating, one JSON line per run: train samples/s, test accuracy, final loss, CPU and wall seconds, the load at the start,
# and the input-gradient choices per convolution (engine_layers) where the jar reports them.
out="$1"; work="$2"; rounds="$3"; shift 3
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
mkdir -p /tmp/bwdev
if [ "$work" = W1 ]; then
  args="--model w1 --data fashion-mnist --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 1 --seed 1 --limit-train 3200 --limit-test 500"
else
  args="--model vgg11 --width 0.5 --norm none --init activity --data cifar10 --data-dir /tmp/speed/cifar-fashion --limit-train 1024 --limit-test 128 --epochs 1 --batch 32 --T 4 --lr 1e-3 --schedule constant --threads 1 --seed 1"
fi
for r in $(seq "$rounds"); do
  for jar in "$@"; do
    name=$(basename "$jar" .jar); load=$(cut -d' ' -f1-3 /proc/loadavg)
    /usr/bin/time -f "%M %e %U %S" -o /tmp/bwdev/time.txt $java $opts -jar "$jar" train $args --no-progress \
      --out /tmp/bwdev/$work-$name.snn4j --force --json 2>/tmp/bwdev/$work-$name.err | tail -n 1 > /tmp/bwdev/last.json
    python3 - "$work" "$r" "$name" "$load" "$(date -u +%T)" /tmp/bwdev/last.json /tmp/bwdev/time.txt >> "$out" <<'PY'
import json,sys
w,r,name,load,end,js,tm=sys.argv[1:]
d=json.load(open(js)); t=open(tm).read().split()
layers={l["layer"]:[l.get("input_gradient_event_calls"),l.get("input_gradient_dense_calls")] for l in d.get("engine_layers",[]) if "input_gradient_event_calls" in l}
print(json.dumps({"work":w,"round":int(r),"jar":name,"end_utc":end,"load_at_start":load,"train_samples_per_second":d.get("train_samples_per_second"),
 "test_accuracy":d.get("test_accuracy"),"final_loss":d.get("final_loss",d.get("loss")),"cpu_s":round(float(t[2])+float(t[3]),1),"wall_s":float(t[1]),
 "input_gradient_event_dense_calls":layers}))
PY
    tail -n 1 "$out"
  done
done
