#!/bin/sh
# Lints the OpenAPI document the service serves (/v3/api-docs) with redocly; fails on any error or warning.
# Run by `./mvnw verify` (pom.xml, "OpenAPI document" block) after the tests, which write the served document to
# target/openapi/openapi.json (OpenApiDocumentTest), or by hand:  sh src/test/openapi/lint.sh [work dir]
#
# redocly is installed from npm into the work dir (under target/), never into the repository. Without npm, or
# without the document (tests skipped), the lint is skipped with a warning, except on CI (CI=true), where it fails.
set -eu
cd "$(dirname "$0")/../../.."
work="${1:-target/openapi-lint}"
document=target/openapi/openapi.json

skip() {
    if [ "${CI:-}" = "true" ]; then
        echo "[ERROR] $1" >&2
        exit 1
    fi
    echo "[WARNING] $1; the OpenAPI lint is skipped" >&2
    exit 0
}

command -v npm >/dev/null 2>&1 || skip "npm not found"
[ -f "$document" ] || skip "$document not found (it is written by OpenApiDocumentTest)"

mkdir -p "$work"
npm install --silent --no-audit --no-fund --no-save --prefix "$work" @redocly/cli@2.77.0 >/dev/null
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
report=$("$work/node_modules/.bin/redocly" lint "$document" --config src/test/openapi/redocly.yaml \
    --format=stylish 2>&1) || { printf '%s\n' "$report" >&2; echo "OpenAPI lint failed" >&2; exit 1; }
# Warnings do not fail redocly itself; here they do.
if printf '%s\n' "$report" | grep -Eq '(^|[[:space:]])warning[[:space:]]'; then
    printf '%s\n' "$report" >&2
    echo "OpenAPI lint found warnings" >&2
    exit 1
fi
echo "OpenAPI lint: $document is valid, 0 errors and 0 warnings"
