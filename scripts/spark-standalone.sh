#!/usr/bin/env bash
# A real multi-process Spark run on this machine: a Spark standalone master and two workers, each a JVM of
# its own bound to 127.0.0.1 only, then a short synchronous data-parallel training submitted to them twice
# (./snn4j train --spark-master spark://127.0.0.1:PORT --gradient-chunk 16, the driver a third JVM, two executors
# launched by the workers): once undisturbed, once with worker 1's executor process killed (kill -9) as it starts
# its KILL_AT_TASK-th task (default 3: the second step's shard, mid-epoch), so that Spark must run the lost task
# again on another executor. The two runs must print the same losses
# and accuracies (exit 1 otherwise); then everything is stopped again.
#   scripts/spark-standalone.sh [OUT_DIR]        (EPOCHS, LIMIT_TRAIN, LIMIT_TEST, PORT, KILL_AT_TASK override the defaults;
#                                                 KILL_AT_TASK=0: the undisturbed run only)
# Spark comes from the local Maven repository (spark/target/spark-classpath.txt, written by the spark
# module's build); the workers start executors from a SPARK_HOME made here whose jars/ links to that
# classpath. Prints the training's output; the processes' logs go to OUT_DIR (default: a new temporary
# directory). Not part of .ci/run (see docs/DISTRIBUTED.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$(mktemp -d)}"; mkdir -p "$out"
port="${PORT:-17077}"
export SPARK_LOCAL_IP=127.0.0.1
java="$("$here/snn4j" --java-home)/bin/java"
version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$here/pom.xml" | head -n 1)"
spark_jar="$here/spark/target/snn4j-spark-$version.jar"
if [ ! -f "$spark_jar" ] || [ ! -f "$here/spark/target/spark-classpath.txt" ]; then
  "$here/snn4j" --mvn -q -B -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl spark -am package >&2
fi
classpath="$spark_jar:$(cat "$here/spark/target/spark-classpath.txt")"
read -r -a spark_opts <<< "$(sed -n '/<spark.jvm.flags>/,/<\/spark.jvm.flags>/p' "$here/spark/pom.xml" | sed 's/<[^>]*>//g' | tr '\n' ' ')"

# SPARK_HOME/jars: what a worker puts on its executors' classpath (Spark's launcher reads this directory)
export SPARK_HOME="$out/spark-home" SPARK_SCALA_VERSION=2.13  # the launcher asks for the Scala version of a home without a RELEASE file
mkdir -p "$SPARK_HOME/jars"
IFS=: read -r -a entries <<< "$classpath"
for e in "${entries[@]}"; do [ -f "$e" ] && ln -sf "$e" "$SPARK_HOME/jars/$(basename "$e")"; done

pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT

"$java" "${spark_opts[@]}" -Xmx256m -cp "$classpath" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$out/master.log" 2>&1 &
pids+=($!)
for i in $(seq 1 60); do grep -q "I have been elected leader\|Starting Spark master" "$out/master.log" 2>/dev/null && break; sleep 1; done
for w in 1 2; do
  "$java" "${spark_opts[@]}" -Xmx256m -cp "$classpath" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port 0 --work-dir "$out/worker$w" \
    "spark://127.0.0.1:$port" > "$out/worker$w.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 60); do
  [ "$(grep -l "Successfully registered with master" "$out"/worker*.log 2>/dev/null | wc -l)" = 2 ] && break; sleep 1
done
echo "spark-standalone: master and 2 workers up (logs in $out)" >&2

# the driver: executors of 1 core each, the Vector API module added to their JVMs as to every snn4j JVM
train() {  # train NAME: one training on the cluster, its JSON line in $out/NAME.json, its output in $out/NAME.log
  SNN4J_JAVA_OPTS="${SNN4J_JAVA_OPTS:-} -Dspark.executor.cores=1 -Dspark.executor.memory=768m -Dspark.cores.max=2 \
    -Dspark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector -Dspark.driver.host=127.0.0.1" \
    "$here/snn4j" train --spark-master "spark://127.0.0.1:$port" --spark-partitions 2 --model w1 --gradient-chunk 16 \
    --epochs "${EPOCHS:-1}" --batch 64 --T 4 --limit-train "${LIMIT_TRAIN:-512}" --limit-test "${LIMIT_TEST:-200}" \
    --out "$out/$1.snn4j" --no-progress --json > "$out/$1.log" 2>&1
  tail -n 1 "$out/$1.log" > "$out/$1.json"
}
executors_of() {  # executors_of WORKER: the pids of the executor JVMs worker WORKER launched (their working directory is in its work dir)
  for p in $(pgrep -f CoarseGrainedExecutorBackend || true); do
    case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$out/worker$1"/*) echo "$p";; esac
  done
}
# what must not change: every epoch's loss, accuracies and spike rates, the final evaluation (not the timings)
results() { python3 -c 'import json,sys
o = json.loads(open(sys.argv[1]).read())
for k in [k for k in o if "per_second" in k]: del o[k]
for e in o["history"]: e.pop("trainSamplesPerSecond", None)
o.pop("model_file", None)
print(json.dumps(o, sort_keys=True))' "$1"; }

start=$(date +%s)
train undisturbed
echo "spark-standalone: undisturbed run done in $(( $(date +%s) - start )) s: $(results "$out/undisturbed.json" | cut -c1-160)..." >&2
kill_at="${KILL_AT_TASK:-3}"
if [ "$kill_at" != 0 ]; then
  start=$(date +%s)
  train killed &
  driver=$!
  victim=""
  for i in $(seq 1 600); do  # the executor's log says "Running task" as each task starts
    victim="$(executors_of 1 | head -n 1)"
    started=0
    [ -n "$victim" ] && started="$(grep -c "Running task" "$(readlink "/proc/$victim/cwd")/stderr" 2>/dev/null || true)"
    [ "${started:-0}" -ge "$kill_at" ] && break
    victim=""; sleep 0.5
  done
  if [ -z "$victim" ]; then echo "spark-standalone: worker 1's executor never started task $kill_at" >&2; exit 1; fi
  kill -9 "$victim"
  echo "spark-standalone: killed worker 1's executor (pid $victim) as it started its task $kill_at:" >&2
  grep "Running task" "$out"/worker1/app-*/*/stderr | tail -n 1 >&2
  wait "$driver"
  echo "spark-standalone: run with the killed executor done in $(( $(date +%s) - start )) s" >&2
  grep -h "Lost executor\|ExecutorLostFailure\|Removed executor\|Lost task" "$out/killed.log" | head -n 5 >&2 || true
  echo "spark-standalone: tasks the other executors ran after the kill:" >&2
  grep -h "Running task" "$out"/worker*/app-*/*/stderr | sort | awk -v t="$(date -d @"$start" +%H:%M:%S)" '$2 >= t' | tail -n 4 >&2 || true
  if [ "$(results "$out/undisturbed.json")" != "$(results "$out/killed.json")" ]; then
    echo "spark-standalone: the run with a killed executor differs from the undisturbed one" >&2
    diff <(results "$out/undisturbed.json") <(results "$out/killed.json") >&2 || true
    exit 1
  fi
  echo "spark-standalone: the run with a killed executor printed the undisturbed run's losses and accuracies" >&2
fi
echo "spark-standalone: executors ran in $(ls -d "$out"/worker*/app-*/* 2>/dev/null | wc -l) worker directories:" >&2
ls -d "$out"/worker*/app-*/* >&2 || true
