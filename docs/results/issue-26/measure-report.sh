#!/usr/bin/env bash
# How long a run report takes to open in headless Chromium, and its size (issue 26).
#   docs/results/issue-26/measure-report.sh REPORT.html [RUNS]
# Per run, on a copy of the page with one script appended before </body> (the script is the only change), Chromium's
# Navigation Timing of the page: responseEnd, domContentLoadedEventEnd, loadEventEnd and first-contentful-paint, in ms
# from the navigation's start (the browser's own start-up is not in them); and the wall time of the whole
# `chromium --headless --screenshot` of the unchanged page, browser start-up and exit included. Prints one JSON object.
set -euo pipefail
page=$1
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
probe="$work/probe.html"
script='<script>addEventListener("load",()=>setTimeout(()=>{const n=performance.getEntriesByType("navigation")[0];'
script+='const e=document.createElement("pre");e.id="timing";e.textContent=JSON.stringify({response_end_ms:n.responseEnd,'
script+='dom_content_loaded_ms:n.domContentLoadedEventEnd,load_ms:n.loadEventEnd});document.body.append(e);},0));</script>'
sed "s#</body>#${script}</body>#" "$page" > "$probe"
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile")
timings=()
walls=()
blanks=()
for i in $(seq 1 "$runs"); do
  dom=$("${chrome[@]}" --virtual-time-budget=5000 --window-size=1300,1000 --dump-dom "file://$probe" 2>/dev/null)
  timings+=("$(grep -o '<pre id="timing">[^<]*</pre>' <<<"$dom" | sed 's#<pre id="timing">\(.*\)</pre>#\1#; s/&quot;/"/g')")
  start=$(date +%s.%N)
  "${chrome[@]}" --window-size=1300,1000 --screenshot="$work/shot.png" "file://$(realpath "$page")" >/dev/null 2>&1
  walls+=("$(echo "$(date +%s.%N) - $start" | bc)")
  start=$(date +%s.%N)
  "${chrome[@]}" --window-size=1300,1000 --screenshot="$work/blank.png" about:blank >/dev/null 2>&1
  blanks+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
printf '{"page":"%s","bytes":%d,"runs":%d,"navigation_timing":[%s],"screenshot_wall_seconds":[%s],"blank_screenshot_wall_seconds":[%s],"chromium":"%s"}\n' \
  "$page" "$(stat -c %s "$page")" "$runs" "$(IFS=,; echo "${timings[*]}")" "$(IFS=,; echo "${walls[*]}")" "$(IFS=,; echo "${blanks[*]}")" \
  "$(chromium --version 2>/dev/null | tr -d '\n')"
