#!/usr/bin/env bash
# Builds docker/Dockerfile with buildah (no Docker engine needed) against the stand-in base images from
# .ci/base-images.sh, then runs what Docker would run: the image's ENTRYPOINT (as the image's user) and its
# HEALTHCHECK command. Passes when the service gets ready, runs as non-root and uses the AOT cache trained in
# the image (-XX:AOTMode=on: a cache the JVM cannot use ends the start instead of being skipped).
#
#   .ci/image-check.sh <JAVA_HOME>
#
# Run by .ci/run after `./mvnw verify` (outside the Maven build: about a minute, more than the test budget).
# With CI=true missing tools are a failure; otherwise the check is skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."
jdk="${1:?JAVA_HOME}"

missing=()
for tool in buildah debootstrap curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [[ "$(id -u)" != 0 ]]; then missing+=("root"); fi
if (( ${#missing[@]} )); then
  if [[ "${CI:-}" == "true" ]]; then
    echo "image-check: FAILED: needs ${missing[*]} (CI=true)" >&2
    exit 1
  fi
  echo "image-check: skipped, needs ${missing[*]}" >&2
  exit 0
fi

.ci/base-images.sh "$jdk"

buildah=(buildah --storage-driver vfs)
work="$(mktemp -d /var/tmp/ledmatrix-image-check.XXXXXX)"
ctr=""
service=""
cleanup() {
  if [[ -n "$service" ]]; then kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; fi
  if [[ -n "$ctr" ]]; then "${buildah[@]}" rm "$ctr" >/dev/null 2>&1 || true; fi
  # vfs keeps every layer as a full copy: drop the checked image and anything untagged, keep the base images
  "${buildah[@]}" rmi localhost/ledmatrix-manager:ci >/dev/null 2>&1 || true
  "${buildah[@]}" rmi --prune >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "image-check: building docker/Dockerfile"
start=$(date +%s)
# The host's Maven repository is lent to the build stage, so dependencies come from it instead of the network.
mkdir -p "$HOME/.m2"
"${buildah[@]}" build --quiet --isolation chroot --format docker --pull=never --layers=false \
  --volume "$HOME/.m2:/root/.m2" -f docker/Dockerfile -t localhost/ledmatrix-manager:ci . >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; echo "image-check: FAILED: the image does not build" >&2; exit 1; }
echo "image-check: built in $(( $(date +%s) - start )) s"

ctr="$("${buildah[@]}" from --pull=never localhost/ledmatrix-manager:ci)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${buildah[@]}" config --env SERVER_PORT="$port" --env JAVA_TOOL_OPTIONS=-XX:AOTMode=on "$ctr"

# The ENTRYPOINT exactly as the image declares it, as the image's user.
user="$("${buildah[@]}" inspect --type container --format '{{.OCIv1.Config.User}}' "$ctr")"
mapfile -t entrypoint < <("${buildah[@]}" inspect --type container --format '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' "$ctr" | sed '/^$/d')
mapfile -t healthcheck < <("${buildah[@]}" inspect --type container --format '{{range .Docker.Config.Healthcheck.Test}}{{println .}}{{end}}' "$ctr" | sed '/^$/d')
[[ "${#entrypoint[@]}" -gt 0 ]] || { echo "image-check: FAILED: no ENTRYPOINT" >&2; exit 1; }
[[ "${healthcheck[0]:-}" == "CMD" ]] || { echo "image-check: FAILED: no HEALTHCHECK CMD (${healthcheck[*]:-})" >&2; exit 1; }

start=$(date +%s%N)
"${buildah[@]}" run --isolation chroot --network host --user "$user" "$ctr" -- "${entrypoint[@]}" \
  >"$work/service.log" 2>&1 &
service=$!
ready=""
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then ready=yes; break; fi
  if ! kill -0 "$service" 2>/dev/null; then break; fi
  sleep 0.2
done
if [[ -z "$ready" ]]; then
  tail -40 "$work/service.log" >&2
  echo "image-check: FAILED: the ENTRYPOINT did not get ready (with -XX:AOTMode=on an unusable AOT cache ends it)" >&2
  exit 1
fi
echo "image-check: ready in $(( ($(date +%s%N) - start) / 1000000 )) ms"

# Non-root: the image's user, and the JVM really runs as it.
[[ -n "$user" && "$user" != "root" && "$user" != "0" && "${user%%:*}" != "0" ]] \
  || { echo "image-check: FAILED: the image's USER is '$user'" >&2; exit 1; }
jvm=""
for pid in $(pgrep -f "ledmatrix-manager.jar" || true); do
  # the one inside the container's root (other JVMs on this machine run in /)
  if [[ "$(readlink "/proc/$pid/root" 2>/dev/null)" != "/" ]]; then jvm="$pid"; fi
done
uid="$(awk '/^Uid:/ {print $3}' "/proc/$jvm/status" 2>/dev/null || echo "?")"
[[ "$uid" != "0" && "$uid" != "?" ]] || { echo "image-check: FAILED: the JVM runs as uid $uid" >&2; exit 1; }
echo "image-check: the JVM runs as uid $uid ($user)"
grep -q "\[error\]\[aot\]" "$work/service.log" && { echo "image-check: FAILED: AOT cache refused" >&2; exit 1; }

# The HEALTHCHECK command, in the same container as Docker would run it (without the AOTMode switch above,
# which only concerns the service's own start).
"${buildah[@]}" config --env JAVA_TOOL_OPTIONS= "$ctr"
"${buildah[@]}" run --isolation chroot --network host --user "$user" "$ctr" -- "${healthcheck[@]:1}" \
  || { echo "image-check: FAILED: the HEALTHCHECK command reports unhealthy" >&2; exit 1; }
echo "image-check: HEALTHCHECK passes; the AOT cache was used (-XX:AOTMode=on)"
