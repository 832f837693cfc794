#!/usr/bin/env bash
# ab-infer.sh OUT MODEL ROUNDS JAR1 JAR2 ... : bench infer of MODEL (engines $ENGINES, default dense and auto; T = $TS,
# default 8 and 32; batch $BATCH, default 256; one thread), jars alternating. $DATA: the data options (default
# --data fashion-mnist); $WARMUPS: untimed batches (default 3: the jar before the issue measures auto's crossovers
# in the third batch and, unlike later jars, does not add warm-ups for it). Scratch files in $SPEED_DIR (default /tmp/speed, which must exist).
out="$1"; model="$2"; rounds="$3"; shift 3
dir="${SPEED_DIR:-/tmp/speed}"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
for r in $(seq "$rounds"); do
  for T in ${TS:-8 32}; do for engine in ${ENGINES:-dense auto}; do for jar in "$@"; do
    name=$(basename "$jar" .jar); load=$(cut -d' ' -f1-3 /proc/loadavg)
    nice -n 10 $java $opts -jar "$jar" bench infer --model-file "$model" ${DATA:---data fashion-mnist} --T $T --batch ${BATCH:-256} \
      --engine $engine --reps 5 --warmups ${WARMUPS:-3} --threads 1 --json 2>/dev/null | tail -n 1 > $dir/last-infer.json
    python3 - "$r" "$name" "$T" "$engine" "$load" "$(date -u +%T)" $dir/last-infer.json >> "$out" <<'PY'
import json,sys
r,name,T,engine,load,end,js=sys.argv[1:]
d=json.load(open(js))
print(json.dumps({"round":int(r),"jar":name,"T":int(T),"engine":engine,"end_utc":end,"load_at_start":load,
 "median_caller_cpu_ms":d.get("median_caller_cpu_ms"),"samples_per_second":d.get("samples_per_second"),"accuracy":d.get("accuracy")}))
PY
    tail -n 1 "$out"
  done; done; done
done
