#!/usr/bin/env bash
# w5par-ab.sh OUT ROUNDS "THREADS..." JAR... : W5 training on real images (cifar-fashion), whole runs, the jars and thread
# counts alternating in each round; per run train samples/s, wall and CPU (/usr/bin/time), young GCs (-Xlog:gc), load.
# Samples: $W5_SAMPLES (default 5120). Scratch in $W5_DIR (default /tmp/w5par).
out="$1"; rounds="$2"; tl="$3"; shift 3
dir="${W5_DIR:-/tmp/w5par}"; mkdir -p "$dir"
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
opts="--add-modules jdk.incubator.vector -XX:+UseSerialGC -XX:MaxNewSize=64m --sun-misc-unsafe-memory-access=allow"
for r in $(seq "$rounds"); do for t in $tl; do for jar in "$@"; do
  name=$(basename "$jar" .jar); load=$(cut -d' ' -f1-3 /proc/loadavg)
  norm=$($java $opts -jar "$jar" train --help 2>/dev/null | grep -q -e '--norm=' && echo "--norm none" || true)
  /usr/bin/time -f "%e %U %S" -o "$dir/ab-time.txt" $java $opts -Xlog:gc:file="$dir/ab-gc.log" -jar "$jar" train --model vgg11 --width 0.5 $norm \
    --init activity --data cifar10 --data-dir /tmp/speed/cifar-fashion --limit-train "${W5_SAMPLES:-5120}" --limit-test 128 --epochs 1 \
    --batch 32 --T 4 --lr 1e-3 --schedule constant --threads "$t" --seed 1 --out "$dir/ab-$name.snn4j" --force --no-progress > "$dir/ab.log" 2>&1
  sps=$(grep '^train samples/s' "$dir/ab.log" | awk '{print $3}'); gcs=$(grep -c 'Pause Young' "$dir/ab-gc.log")
  read wall user sys < "$dir/ab-time.txt"
  echo "{\"round\": $r, \"jar\": \"$name\", \"threads\": $t, \"samples\": ${W5_SAMPLES:-5120}, \"train_samples_per_second\": $sps, \"wall_s\": $wall, \"cpu_s\": $(echo "$user + $sys" | bc), \"young_gcs\": $gcs, \"load_at_start\": \"$load\", \"end_utc\": \"$(date -u +%T)\"}" | tee -a "$out"
done; done; done
