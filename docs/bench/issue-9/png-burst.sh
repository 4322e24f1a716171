#!/bin/bash
# Samples the render loop's measured fps and the update starts of plugin src (interval 2 s) for $2 s, with $3
# parallel clients fetching the largest PNG meanwhile.
P=$1; SECS=$2; N=$3
pids=()
for i in $(seq 1 $N); do
  ( while true; do curl -s -o /dev/null "localhost:$P/api/v1/display/frame.png?scale=32"; done ) &
  pids+=($!)
done
fps=(); updates=()
for s in $(seq 1 $SECS); do
  sleep 1
  fps+=($(curl -s -m 5 localhost:$P/api/v1/display | jq .fps))
  updates+=($(curl -s -m 5 localhost:$P/api/v1/plugins/src | jq -r .lastUpdate))
done
for p in "${pids[@]}"; do kill $p; done
wait 2>/dev/null
echo "clients=$N fps: ${fps[*]}"
printf '%s\n' "${updates[@]}" | sort -u | python3 -c '
import sys, datetime
ts=[datetime.datetime.fromisoformat(l.strip().replace("Z","+00:00")) for l in sys.stdin if l.strip() and l.strip()!="null"]
gaps=[(b-a).total_seconds() for a,b in zip(ts,ts[1:])]
print("src update gaps (s):", " ".join("%.2f"%g for g in gaps))'
