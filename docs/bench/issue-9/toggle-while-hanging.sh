#!/bin/bash
# Toggles the plugin with curl while its source hangs (updates time out), then lets the source answer and checks
# that the plugin updates again.
B=http://127.0.0.1:$1/api/v1/plugins
AUTH="Authorization: Bearer $(cat $2/api-token)"
echo hang > ${MODE_FILE:-/tmp/source-mode}
for i in $(seq 1 ${3:-60}); do
  for a in disable enable reload update reset; do
    curl -s -o /dev/null -w "%{http_code} " -X POST $B/src/$a -H "$AUTH"
  done
  if (( i % 10 == 0 )); then
    curl -s -o /dev/null -w "PUT:%{http_code} " -X PUT $B/src/config -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"url\": \"http://127.0.0.1:$4/v$i\", \"pointer\": \"/state\"}"
  fi
  sleep 0.$((RANDOM % 5))
done
echo
curl -s -o /dev/null -w "final enable %{http_code}\n" -X POST $B/src/enable -H "$AUTH"
curl -s $B/src | jq -c '{state, errorInfo, hungUpdateSince, updates}'
echo ok > ${MODE_FILE:-/tmp/source-mode}
echo "source answers again; waiting for an update"
for s in $(seq 1 30); do
  sleep 1
  j=$(curl -s $B/src)
  lu=$(echo "$j" | jq -r .lastUpdate)
  if [ "$lu" != "null" ] && [ -n "$BEFORE" ] && [ "$lu" != "$BEFORE" ]; then echo "updated again after ${s}s: $(echo $j | jq -c '{state, lastUpdate, errorInfo, hungUpdateSince}')"; exit 0; fi
  BEFORE=${BEFORE:-$lu}
done
echo "NOT updated again"; curl -s $B/src | jq -c .; exit 1
