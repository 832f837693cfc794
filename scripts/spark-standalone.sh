#!/usr/bin/env bash
# A real multi-process Spark run on this machine: a Spark standalone master and two workers, each a JVM of
# its own bound to 127.0.0.1 only, then a short synchronous data-parallel training submitted to them
# (./snn4j train --spark-master spark://127.0.0.1:PORT, the driver a third JVM, two executors launched by the
# workers), then everything stopped again.
#   scripts/spark-standalone.sh [OUT_DIR]        (EPOCHS, LIMIT_TRAIN, LIMIT_TEST, PORT override the defaults)
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
SNN4J_JAVA_OPTS="${SNN4J_JAVA_OPTS:-} -Dspark.executor.cores=1 -Dspark.executor.memory=768m -Dspark.cores.max=2 \
  -Dspark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector -Dspark.driver.host=127.0.0.1" \
  "$here/snn4j" train --spark-master "spark://127.0.0.1:$port" --spark-partitions 2 --model w1 \
  --epochs "${EPOCHS:-1}" --batch 64 --T 4 --limit-train "${LIMIT_TRAIN:-512}" --limit-test "${LIMIT_TEST:-200}" \
  --out "$out/w1.snn4j" --no-progress
echo "spark-standalone: executors ran in $(ls -d "$out"/worker*/app-*/* 2>/dev/null | wc -l) worker directories:" >&2
ls -d "$out"/worker*/app-*/* >&2 || true
