#!/usr/bin/env bash
# threadcpu.sh CMD...: runs CMD, samples /proc/PID/task/*/stat every 0.2 s, prints CPU seconds by thread name at the end
"$@" > /tmp/threadcpu.out 2>&1 &
pid=$!
declare -A last
while kill -0 $pid 2>/dev/null; do
  for t in /proc/$pid/task/*; do
    s=$(cat $t/stat 2>/dev/null) || continue
    name=$(cat $t/comm 2>/dev/null); rest=${s##*) }; set -- $rest
    last["$(basename $t) $name"]=$(( ${12} + ${13} ))
  done
  sleep 0.2
done
tck=$(getconf CLK_TCK)
for k in "${!last[@]}"; do echo "${last[$k]} $k"; done | awk -v t=$tck '{n=$3; for(i=4;i<=NF;i++) n=n" "$i; gsub(/[0-9]+$/,"#",n); s[n]+=$1/t} END{for(k in s) if (s[k]>0.05) printf "%7.2f s %s\n", s[k], k}' | sort -rn
