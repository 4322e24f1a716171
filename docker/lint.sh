#!/bin/sh
# Lints docker/Dockerfile with two npm linters; fails on any finding. Run by `./mvnw verify`
# (pom.xml, "Docker files" block) or by hand:  sh docker/lint.sh [work dir, default target/lint]
#
# Style and syntax only: CI also builds the image with buildah and runs its ENTRYPOINT and HEALTHCHECK
# (.ci/image-check.sh, after verify); DockerFilesTest checks what the Pi set-up relies on.
# The linters are installed into the work dir (under target/), never into the repository.
# Without npm the lint is skipped with a warning, so `./mvnw verify` still works on a machine
# with only a JDK; CI machines have node and npm.
set -eu
cd "$(dirname "$0")/.."
work="${1:-target/lint}"

if ! command -v npm >/dev/null 2>&1; then
    echo "[WARNING] npm not found: the Dockerfile lint (dockerfilelint, dockerfile-utils) is skipped" >&2
    exit 0
fi

mkdir -p "$work"
npm install --silent --no-audit --no-fund --no-save --prefix "$work" \
    dockerfilelint@1.8.0 dockerfile-utils@0.16.3 >/dev/null
bin="$work/node_modules/.bin"

status=0
# dockerfilelint exits with the number of issues it found.
"$bin/dockerfilelint" -c docker docker/Dockerfile || status=1

# dockerfile-utils exits 0 on warnings; any "Warning:" or "Error:" line is a finding here.
report=$("$bin/dockerfile-utils" lint docker/Dockerfile 2>&1) || status=1
if printf '%s\n' "$report" | grep -Eq '^(Warning|Error):'; then
    printf 'dockerfile-utils found problems in docker/Dockerfile:\n%s\n' "$report" >&2
    status=1
fi

# The entrypoint wrapper runs under /bin/sh in the image.
sh -n docker/keep-off-cpu3.sh || status=1

# The systemd unit, where systemd-analyze exists: misspelt keys or sections and unparsable values
# are findings (a missing /usr/bin/java or user on the build machine is not).
if command -v systemd-analyze >/dev/null 2>&1; then
    unit_report=$(systemd-analyze verify docker/ledmatrix-manager.service 2>&1 || true)
    if printf '%s\n' "$unit_report" | grep -Eq 'Unknown (key|section|lvalue)|Failed to parse|[Ii]nvalid'; then
        printf 'systemd-analyze found problems in docker/ledmatrix-manager.service:\n%s\n' "$unit_report" >&2
        status=1
    fi
fi

if [ "$status" -ne 0 ]; then
    echo "Docker file lint failed" >&2
fi
exit "$status"
