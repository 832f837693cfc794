#!/usr/bin/env bash
# Re-runs the runs behind the figures of docs/EXPERIMENTS.md and docs/BENCHMARKS.md from their records.
#
# Usage: scripts/experiments.sh [--out DIR] NAME...     (NAME: a record of docs/results/records/NAME.json)
#        scripts/experiments.sh [--out DIR] panda       (every panda-* record: issue 6's runs)
#        scripts/experiments.sh [--out DIR] allred      (every allred-* record: issue 25's spike-penalty runs on VGG-7/4)
#        scripts/experiments.sh [--out DIR] presets     (every preset-* record: each preset's bare command, issue 25)
#        scripts/experiments.sh [--out DIR] --list      (the record names)
#        scripts/experiments.sh [--out DIR]             (the issue-3 runs)
# A first argument that is not a record name is taken as DIR (the older form `scripts/experiments.sh DIR NAME...`).
#
# Each record holds the commands of one figure; `$RUN` in them stands for DIR, where the runs write their models
# and the later commands read them. Records a record `needs` run first unless DIR holds them already. `./snn4j`
# commands run from a copy of the jar (so that editing sources meanwhile cannot disturb a run) with the
# launcher's JVM options. Per command, DIR keeps its stdout (NAME.K.out) and stderr with the peak RSS (NAME.K.log);
# per record, DIR/NAME.json is a new record in the format of docs/results/records (docs/results/README.md):
# its results are the last stdout line of each command (the --json line), parsed. Needs python3 to read records.
set -euo pipefail
cd "$(dirname "$0")/.."
records=docs/results/records
# A group name and the prefix of the records it runs.
group_prefix() { case "$1" in panda) echo panda-;; allred) echo allred-;; presets) echo preset-;; *) return 1;; esac; }
out=runs/experiments
if [ "${1:-}" = --out ]; then out="$2"; shift 2
elif [ $# -gt 0 ] && ! group_prefix "$1" >/dev/null && [ "$1" != --list ] && [ ! -f "$records/$1.json" ]; then out="$1"; shift
fi
if [ "${1:-}" = --list ]; then ls "$records" | sed 's/\.json$//'; exit 0; fi
names=("$@")
if [ ${#names[@]} -eq 1 ] && prefix=$(group_prefix "${names[0]}"); then
    mapfile -t names < <(ls "$records" | sed -n "s/^\(${prefix}.*\)\.json$/\1/p")
fi
[ ${#names[@]} -gt 0 ] || names=(default w1-fmnist-1ep w1-fmnist-1ep-ann lenet-lee-digits lenet-lee-digits-ann vgg7-fmnist
                                vgg7-fmnist-ann w1-fmnist-5ep w1-fmnist-5ep-ann)
for n in "${names[@]}"; do [ -f "$records/$n.json" ] || { echo "unknown record $n (scripts/experiments.sh --list)" >&2; exit 2; }; done
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cp "$(./snn4j --jar)" "$out/snn4j.jar"
java="$(./snn4j --java-home)/bin/java"
printf '#!/bin/sh\nexec "%s" %s -jar "%s" "$@"\n' "$java" "$(./snn4j --jvm-options)" "$out/snn4j.jar" > "$out/snn4j"
chmod +x "$out/snn4j"

field() {  # field RECORD KEY: the record's KEY, one list item per line
  python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2], []); print("\n".join(v if isinstance(v, list) else [v]))' \
      "$records/$1.json" "$2"
}

run_record() {
  local n="$1" need k=0 cmd start
  while IFS= read -r need; do
    [ -z "$need" ] || [ -f "$out/$need.json" ] || run_record "$need"
  done < <(field "$n" needs)
  local commands=()
  mapfile -t commands < <(field "$n" commands)
  for cmd in "${commands[@]}"; do
    k=$((k + 1))
    case "$cmd" in
      "./snn4j --"*) ;;                                        # the launcher itself (--mvn, --jar, ...)
      "./snn4j "*) cmd="\"\$SNN4J\" ${cmd#./snn4j }" ;;       # a CLI command: the copied jar
    esac
    echo "== $n [$k/${#commands[@]}]: $cmd" >&2
    start=$(date +%s)
    RUN="$out" SNN4J="$out/snn4j" /usr/bin/time -f "peak_rss_kb %M" bash -c "$cmd" > "$out/$n.$k.out" 2> "$out/$n.$k.log"
    echo "   $(( $(date +%s) - start )) s, $(grep peak_rss_kb "$out/$n.$k.log" | tail -n 1)" >&2
  done
  python3 - "$records/$n.json" "$out" "$n" "${#commands[@]}" <<'PY'
import json, subprocess, sys, datetime, platform, os
src, out, name, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
old = json.load(open(src, encoding="utf-8"))
def last_line(k):
    lines = [l for l in open(f"{out}/{name}.{k}.out", encoding="utf-8").read().splitlines() if l.strip()]
    if not lines: return None
    try: return json.loads(lines[-1])
    except ValueError: return lines[-1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
record = {"name": name, "commands": old["commands"], "commit": commit + ("-dirty" if dirty else ""),
          "machine": f"{cpu}, {os.cpu_count()} cores", "date": datetime.date.today().isoformat(),
          "results": {"outputs": [last_line(k) for k in range(1, count + 1)]}}
if "needs" in old: record["needs"] = old["needs"]
with open(f"{out}/{name}.json", "w", encoding="utf-8") as f:
    json.dump(record, f, ensure_ascii=False, indent=1)
    f.write("\n")
PY
}

for n in "${names[@]}"; do run_record "$n"; done
