#!/usr/bin/env bash
# Stand-ins for eclipse-temurin:25-jdk and eclipse-temurin:25-jre in buildah's local storage, so that
# docker/Dockerfile builds without a registry: a Debian bookworm minbase root (debootstrap, from Debian's
# mirror) plus the JDK this build uses at /opt/java/openjdk and the host's CA certificates, as the official
# images have them. Both tags get the same JDK (the JRE image only needs a subset of it).
#
#   .ci/base-images.sh <JAVA_HOME>
#
# The root file system is cached under /var/tmp/ledmatrix-ci (reruns take seconds); delete it to rebuild.
# Needs root, debootstrap and buildah. Storage: vfs, as the image check uses.
set -euo pipefail
jdk="${1:?JAVA_HOME of the JDK to put at /opt/java/openjdk}"
cache="${LEDMATRIX_CI_CACHE:-/var/tmp/ledmatrix-ci}"
rootfs="$cache/bookworm-minbase"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
buildah=(buildah --storage-driver vfs)

if [[ ! -f "$rootfs/.complete" ]]; then
  echo "base-images: debootstrap --variant=minbase bookworm (once, cached in $rootfs)"
  rm -rf "$rootfs"
  mkdir -p "$cache"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { tail -20 "$cache/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  touch "$rootfs/.complete"
fi

jdk_id="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
for tag in 25-jdk 25-jre; do
  name="docker.io/library/eclipse-temurin:$tag"
  if [[ "$("${buildah[@]}" inspect --type image --format '{{index .Docker.Config.Labels "ledmatrix.ci.jdk"}}' "$name" \
        2>/dev/null || true)" == "$jdk_id" ]]; then
    echo "base-images: $name is current ($jdk_id)"
    continue
  fi
  echo "base-images: making $name from $rootfs + $jdk ($jdk_id)"
  ctr="$("${buildah[@]}" from scratch)"
  mnt="$("${buildah[@]}" mount "$ctr")"
  cp -a "$rootfs/." "$mnt/"
  rm -f "$mnt/.complete"
  mkdir -p "$mnt/opt/java"
  cp -a "$jdk" "$mnt/opt/java/openjdk"
  mkdir -p "$mnt/etc/ssl/certs"
  cp -aL /etc/ssl/certs/. "$mnt/etc/ssl/certs/"
  "${buildah[@]}" umount "$ctr" >/dev/null
  "${buildah[@]}" config --env JAVA_HOME=/opt/java/openjdk \
    --env PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 --cmd jshell --label "ledmatrix.ci.jdk=$jdk_id" "$ctr"
  "${buildah[@]}" commit --quiet --format docker "$ctr" "$name" >/dev/null
  "${buildah[@]}" tag "$name" "localhost/eclipse-temurin:$tag"
  "${buildah[@]}" rm "$ctr" >/dev/null
done
