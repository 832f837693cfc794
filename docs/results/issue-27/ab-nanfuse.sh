#!/usr/bin/env bash
# ab-nanfuse.sh OUT ROUNDS JAR1 JAR2 ... : W1 and W5 training at one thread (the brief's commands), jars alternating
# within each round; one JSON line per run: samples/s, wall and CPU seconds, load at the start, and the SHA-256 of the
# model file's tensor bytes (the same bits from every jar). Scratch files in /tmp/nanfuse.
out="$1"; rounds="$2"; shift 2
dir=/tmp/nanfuse; mkdir -p $dir
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
w1="--model w1 --data fashion-mnist --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 1 --seed 1 --limit-train 3200 --limit-test 500"
w5="--model vgg11 --width 0.5 --norm none --init activity --data cifar10 --data-dir /tmp/speed/cifar-fashion --limit-train 1024 --limit-test 128 --epochs 1 --batch 32 --T 4 --lr 1e-3 --schedule constant --threads 1 --seed 1"
for r in $(seq "$rounds"); do
  for w in w1 w5; do
    for jar in "$@"; do
      name=$(basename "$jar" .jar); load=$(cut -d' ' -f1-3 /proc/loadavg); args=${!w}
      /usr/bin/time -f "%M %e %U %S" -o $dir/time.txt $java $opts -jar "$jar" train $args --no-progress \
        --out $dir/ab-$w-$name.snn4j --force > $dir/ab.log 2>&1
      python3 - "$r" "$w" "$name" "$load" $dir/ab.log $dir/time.txt $dir/ab-$w-$name.snn4j >> "$out" <<'PY'
import json,sys,struct,hashlib,re
r,w,name,load,log,tm,model=sys.argv[1:]
t=open(tm).read().split(); s=re.findall(r"train samples/s: ([0-9.]+)",open(log).read())
b=open(model,'rb').read(); n=struct.unpack('<Q',b[:8])[0]
print(json.dumps({"round":int(r),"workload":w,"jar":name,"load_at_start":load,"train_samples_per_second":float(s[-1]) if s else None,
 "wall_s":float(t[1]),"cpu_s":round(float(t[2])+float(t[3]),1),"peak_rss_mb":round(int(t[0])/1024),"weights_sha256":hashlib.sha256(b[8+n:]).hexdigest()[:16]}))
PY
      tail -n 1 "$out"
    done
  done
done
