#!/usr/bin/env bash
# ab-side-nanfuse.sh OUT ROUNDS JAR_A JAR_B : W1 and W5 training at one thread (the brief's commands), the two jars
# at the same time (so they share the machine's load), ROUNDS rounds; one JSON line per run as ab-nanfuse.sh writes.
out="$1"; rounds="$2"; a="$3"; b="$4"
dir=/tmp/nanfuse/side; mkdir -p $dir
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
w1="--model w1 --data fashion-mnist --epochs 1 --batch 64 --T 8 --lr 1e-3 --schedule constant --threads 1 --seed 1 --limit-train 3200 --limit-test 500"
w5="--model vgg11 --width 0.5 --norm none --init activity --data cifar10 --data-dir /tmp/speed/cifar-fashion --limit-train 1024 --limit-test 128 --epochs 1 --batch 32 --T 4 --lr 1e-3 --schedule constant --threads 1 --seed 1"
for r in $(seq "$rounds"); do
  for w in w1 w5; do
    load=$(cut -d' ' -f1-3 /proc/loadavg); args=${!w}
    for jar in "$a" "$b"; do
      name=$(basename "$jar" .jar)
      /usr/bin/time -f "%M %e %U %S" -o $dir/time-$name.txt $java $opts -jar "$jar" train $args --no-progress \
        --out $dir/$w-$name.snn4j --force > $dir/$name.log 2>&1 &
    done
    wait
    for jar in "$a" "$b"; do
      name=$(basename "$jar" .jar)
      python3 - "$r" "$w" "$name" "$load" $dir/$name.log $dir/time-$name.txt $dir/$w-$name.snn4j >> "$out" <<'PY'
import json,sys,struct,hashlib,re
r,w,name,load,log,tm,model=sys.argv[1:]
t=open(tm).read().split(); s=re.findall(r"train samples/s: ([0-9.]+)",open(log).read())
b=open(model,'rb').read(); n=struct.unpack('<Q',b[:8])[0]
print(json.dumps({"round":int(r),"workload":w,"jar":name,"side_by_side":True,"load_at_start":load,"train_samples_per_second":float(s[-1]) if s else None,
 "wall_s":float(t[1]),"cpu_s":round(float(t[2])+float(t[3]),1),"peak_rss_mb":round(int(t[0])/1024),"weights_sha256":hashlib.sha256(b[8+n:]).hexdigest()[:16]}))
PY
      tail -n 1 "$out"
    done
  done
done
