#!/usr/bin/env bash
# Startup and footprint of ledmatrix-manager with the Pi's JVM flags (docker/jvm.options).
# Results and how to read them: docs/benchmarks.md, "Startup and footprint".
#
#   docs/bench/startup-footprint.sh            # build, then measure everything (about 6 minutes)
#
# Measures, each run with `java @docker/jvm.options`:
#   1. time to ready (launch -> first HTTP 200 from /actuator/health/readiness), the CPU time used
#      until then, and Spring's own "Started ... in" for: the fat jar, the extracted jar, the extracted
#      jar + AOT cache, and the extracted jar with Spring AOT + AOT cache (what the image runs);
#   2. resident memory (VmRSS of /proc/<pid>/status) once ready, in each mode;
#   3. CPU use while idle, and resident memory during and after sustained API load (wrk against
#      GET /api/v1/plugins on loopback), in the production mode (Spring AOT + AOT cache).
# Needs: a JDK 25 (found like .ci/run does), curl, wrk (Debian: apt-get install -y wrk).
#
# Settings (environment): PORT (18090), RUNS per mode (5), LOAD_SECONDS (60), LOAD_CONNECTIONS (16),
# SKIP_BUILD=1 (reuse the jar of the last run's build), JVM_EXTRA (flags added after jvm.options in every run, to
# compare a variant, e.g. JVM_EXTRA=-XX:TieredStopAtLevel=1), WORK (target/bench-startup).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PORT=${PORT:-18090}
RUNS=${RUNS:-5}
LOAD_SECONDS=${LOAD_SECONDS:-60}
LOAD_CONNECTIONS=${LOAD_CONNECTIONS:-16}
WORK=${WORK:-$ROOT/target/bench-startup}
OPTIONS=$ROOT/docker/jvm.options
read -r -a EXTRA <<< "${JVM_EXTRA:-}"
JAR_NAME=ledmatrix-manager.jar   # the name the Dockerfile gives the extracted jar

say() { printf '%s\n' "$*" >&2; }
die() { say "startup-footprint: $*"; exit 1; }

for tool in curl wrk; do
  command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install -y $tool)"
done

# --- a JDK 25, as .ci/run finds it -------------------------------------------------------------
java_feature() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
JDK=""
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_feature "$JAVA_HOME") >= 25 )); then
  JDK=$JAVA_HOME
else
  for candidate in /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /opt/java/openjdk; do
    if [[ -x "$candidate/bin/java" ]] && (( $(java_feature "$candidate") >= 25 )); then JDK=$candidate; break; fi
  done
fi
[[ -n "$JDK" ]] || die "no JDK 25 found (JAVA_HOME, /usr/lib/jvm)"
JAVA=$JDK/bin/java

# --- every process started here is stopped on exit ----------------------------------------------
APP_PID=""
stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
}
trap stop_app EXIT INT TERM

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
  die "port $PORT is already in use; set PORT"
fi

# --- build, extract, train ------------------------------------------------------------------------
# Built from a copy of what the Dockerfile copies (pom, wrapper, sources), so the Spring AOT classes of this
# build never mix into the working tree's target/classes.
BUILD=$ROOT/target/bench-build
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  # -Pspring-aot adds the generated bean definitions; without -Dspring.aot.enabled=true the same jar runs
  # in regular mode, so one build serves every mode. process-aot needs Maven itself on the JDK 25.
  say "building the jar (./mvnw -q -Pspring-aot -DskipTests package, in target/bench-build) ..."
  rm -rf "$BUILD"
  mkdir -p "$BUILD"
  cp -R "$ROOT/pom.xml" "$ROOT/mvnw" "$ROOT/.mvn" "$ROOT/src" "$BUILD/"
  # (process-aot starts the application context, which logs; that goes to the build log)
  (cd "$BUILD" && JAVA_HOME=$JDK ./mvnw -q -Pspring-aot -DskipTests package) > "$BUILD/build.log" 2>&1 \
    || { tail -20 "$BUILD/build.log" >&2; die "build failed, see $BUILD/build.log"; }
fi
FAT_JAR=$(ls "$BUILD"/target/ledmatrix-manager-*.jar 2>/dev/null | head -1)
[[ -f "$FAT_JAR" ]] || die "no jar in $BUILD/target; run without SKIP_BUILD first"

rm -rf "$WORK"
mkdir -p "$WORK"
EXT=$WORK/ext
"$JAVA" -Djarmode=tools -jar "$FAT_JAR" extract --destination "$EXT" >/dev/null
mv "$EXT"/ledmatrix-manager-*.jar "$EXT/$JAR_NAME"

[[ $("$JDK/bin/jar" tf "$FAT_JAR" | grep -c __BeanDefinitions) -gt 0 ]] \
  || die "the jar has no Spring AOT classes: build it with -Pspring-aot (or drop SKIP_BUILD)"
# train CACHE [flags]: an AOT cache recorded during a start up to the refreshed context, like the Dockerfile.
train() {
  local cache=$1; shift
  (cd "$EXT" && "$JAVA" @"$OPTIONS" "${EXTRA[@]}" "$@" -XX:AOTCacheOutput="$cache" -Dspring.context.exit=onRefresh \
     -Dledmatrix.data-dir="$WORK/train-data" -Dledmatrix.plugins-dir="$WORK/plugins" -Dserver.port="$PORT" \
     -jar "$JAR_NAME") > "$WORK/train-$cache.log" 2>&1 || die "training failed, see $WORK/train-$cache.log"
  [[ -f "$EXT/$cache" ]] || die "training wrote no $cache, see $WORK/train-$cache.log"
  rm -rf "$WORK/train-data"
}
say "training the AOT caches (-XX:AOTCacheOutput, -Dspring.context.exit=onRefresh) ..."
train app.aot
train app-spring.aot -Dspring.aot.enabled=true
AOT_MB=$(( $(stat -c %s "$EXT/app.aot") / 1024 / 1024 ))
SPRING_AOT_MB=$(( $(stat -c %s "$EXT/app-spring.aot") / 1024 / 1024 ))

# --- one measured start -----------------------------------------------------------------------------
DATA=$WORK/data   # shared by all runs: a restart of a configured service, not a first start
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
TICK=$(getconf CLK_TCK)
# cpu_ms PID: user + system CPU time the process has used, in ms (less sensitive to a busy machine than wall time).
cpu_ms() { awk -v t="$TICK" '{ print int(($14 + $15) * 1000 / t) }' "/proc/$1/stat"; }

# start_app MODE LOG: launches the app in MODE (plain | extracted | aot) in the background.
start_app() {
  local mode=$1 log=$2
  local common=(-Dserver.port="$PORT" -Dserver.address=127.0.0.1 -Dledmatrix.data-dir="$DATA"
                -Dledmatrix.plugins-dir="$WORK/plugins")
  case $mode in
    plain)     (cd "$WORK" && exec "$JAVA" @"$OPTIONS" "${EXTRA[@]}" "${common[@]}" -jar "$FAT_JAR") > "$log" 2>&1 & ;;
    extracted) (cd "$EXT" && exec "$JAVA" @"$OPTIONS" "${EXTRA[@]}" "${common[@]}" -jar "$JAR_NAME") > "$log" 2>&1 & ;;
    # AOTMode=on: a cache the JVM cannot use is an error here, never a silently slower run.
    aot)       (cd "$EXT" && exec "$JAVA" @"$OPTIONS" "${EXTRA[@]}" -XX:AOTCache=app.aot -XX:AOTMode=on \
                  "${common[@]}" -jar "$JAR_NAME") > "$log" 2>&1 & ;;
    spring-aot) (cd "$EXT" && exec "$JAVA" @"$OPTIONS" "${EXTRA[@]}" -Dspring.aot.enabled=true \
                  -XX:AOTCache=app-spring.aot -XX:AOTMode=on "${common[@]}" -jar "$JAR_NAME") > "$log" 2>&1 & ;;
  esac
  APP_PID=$!
}

# wait_ready: prints milliseconds until the first 200 from the readiness probe.
wait_ready() {
  local t0=$1
  for _ in $(seq 1 1200); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness") == 200 ]]; then
      echo $(( $(now_ms) - t0 )); return 0
    fi
    kill -0 "$APP_PID" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}

RESULTS=$WORK/results.tsv
printf 'mode\trun\tready_ms\tstarted_s\trss_mb\trss_anon_mb\trss_file_mb\tcpu_ms\n' > "$RESULTS"

measure() {
  local mode=$1 run=$2 log=$WORK/$1-$2.log t0 ready started cpu
  t0=$(now_ms)
  start_app "$mode" "$log"
  ready=$(wait_ready "$t0") || { stop_app; die "$mode run $run never became ready, see $log"; }
  cpu=$(cpu_ms "$APP_PID")
  started=$(sed -n 's/.*Started LedMatrixApplication in \([0-9.]*\) seconds.*/\1/p' "$log" | head -1)
  sleep 5   # let start-up work (first frames, first plugin updates) settle before reading memory
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$run" "$ready" "$started" \
    $(( $(status_kb "$APP_PID" VmRSS) / 1024 )) $(( $(status_kb "$APP_PID" RssAnon) / 1024 )) \
    $(( $(status_kb "$APP_PID" RssFile) / 1024 )) "$cpu" >> "$RESULTS"
  stop_app
}

say "warm-up start (creates the data directory, fills the page cache) ..."
measure extracted 0
sed -i '$d' "$RESULTS"

# Modes take turns, so load from other processes on the machine falls on all of them alike.
for run in $(seq 1 "$RUNS"); do
  for mode in plain extracted aot spring-aot; do
    say "run $run: $mode"
    measure "$mode" "$run"
  done
done

# --- sustained load -------------------------------------------------------------------------------
say "idle and sustained load: Spring AOT + AOT cache, wrk ${LOAD_SECONDS}s, $LOAD_CONNECTIONS connections ..."
LOG=$WORK/load.log
t0=$(now_ms)
start_app spring-aot "$LOG"
wait_ready "$t0" >/dev/null || die "load run never became ready, see $LOG"
sleep 5
RSS_BEFORE=$(( $(status_kb "$APP_PID" VmRSS) / 1024 ))
# Idle cost: the render loop at 30 fps and the scheduler, nobody calling the API.
IDLE_SECONDS=${IDLE_SECONDS:-30}
c0=$(cpu_ms "$APP_PID"); sleep "$IDLE_SECONDS"; c1=$(cpu_ms "$APP_PID")
IDLE_PCT=$(awk -v c=$(( c1 - c0 )) -v s="$IDLE_SECONDS" 'BEGIN { printf "%.1f", c / (s * 10) }')
( while kill -0 "$APP_PID" 2>/dev/null; do status_kb "$APP_PID" VmRSS; sleep 1; done ) > "$WORK/rss-samples.txt" 2>/dev/null &
SAMPLER=$!
wrk -t2 -c"$LOAD_CONNECTIONS" -d"${LOAD_SECONDS}s" --latency "http://127.0.0.1:$PORT/api/v1/plugins" > "$WORK/wrk.txt"
sleep 5
RSS_AFTER=$(( $(status_kb "$APP_PID" VmRSS) / 1024 ))
HWM=$(( $(status_kb "$APP_PID" VmHWM) / 1024 ))
ANON_AFTER=$(( $(status_kb "$APP_PID" RssAnon) / 1024 ))
FILE_AFTER=$(( $(status_kb "$APP_PID" RssFile) / 1024 ))
stop_app
wait "$SAMPLER" 2>/dev/null || true
PEAK=$(( $(sort -n "$WORK/rss-samples.txt" | tail -1) / 1024 ))
REQS=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
P50=$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt")

# --- report -----------------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -F'\t' -v m="$1" -v c="$2" 'NR > 1 && $1 == m { print $c }' "$RESULTS"; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "–" hi }'; }

echo
echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JVM: $("$JAVA" -version 2>&1 | sed -n 2p); flags: @docker/jvm.options ${JVM_EXTRA:-}"
echo "AOT cache: $AOT_MB MB (with Spring AOT: $SPRING_AOT_MB MB); runs per mode: $RUNS"
echo
echo "| mode | ready (ms), median | ready (ms), range | CPU used until ready (ms), median | Spring \"Started in\" (s), median | RSS when ready (MB), median | of which anon / file (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for mode in plain extracted aot spring-aot; do
  label=$mode; [[ $mode == plain ]] && label="fat jar"; [[ $mode == extracted ]] && label="extracted jar"
  [[ $mode == aot ]] && label="extracted jar + AOT cache"
  [[ $mode == spring-aot ]] && label="extracted jar, Spring AOT + AOT cache"
  echo "| $label | $(col "$mode" 3 | median) | $(col "$mode" 3 | range) | $(col "$mode" 8 | median) | $(col "$mode" 4 | median) | $(col "$mode" 5 | median) | $(col "$mode" 6 | median) / $(col "$mode" 7 | median) |"
done
echo
echo "Idle (Spring AOT + AOT cache, ${IDLE_SECONDS}s, render loop running): ${IDLE_PCT}% of one CPU"
echo "Load (Spring AOT + AOT cache, wrk -t2 -c$LOAD_CONNECTIONS -d${LOAD_SECONDS}s GET /api/v1/plugins):"
echo "$REQS req/s, latency p50 $P50, p99 $P99, non-2xx responses: ${NON2XX:-0}"
echo "RSS: $RSS_BEFORE MB before, peak sampled $PEAK MB (VmHWM $HWM MB), $RSS_AFTER MB 5 s after (anon $ANON_AFTER / file $FILE_AFTER MB)"
echo
echo "Raw numbers: $RESULTS; logs: $WORK/*.log"
