#!/bin/sh
# Builds the native test helpers (run by Maven in generate-test-resources; by hand: sh src/test/c/build.sh target/native)
#   librgbmatrix.so.1       the fake library, as upstream builds by default
#   wide/librgbmatrix.so.1  the same with -DENABLE_WIDE_GPIO_COMPUTE_MODULE (has the compute-module mapping)
#   libboardsim.so          the LD_PRELOAD board simulation (boardsim.c)
#   layout-aarch64.properties  struct offsets from aarch64-linux-gnu-gcc, when that compiler is installed
# Without gcc nothing is built and the native panel tests fail saying so (spring-boot:run needs no compiler).
set -eu
src="$(cd "$(dirname "$0")" && pwd)"
out="${1:?output directory}"
mkdir -p "$out/wide"
if ! command -v gcc >/dev/null 2>&1; then
    echo "[WARNING] gcc not found: the fake librgbmatrix and the board shim are not built; the native panel tests will fail" >&2
    exit 0
fi
flags="-std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -shared -fvisibility=hidden"
gcc $flags -Wl,-soname,librgbmatrix.so.1 -o "$out/librgbmatrix.so.1" "$src/fake_rgbmatrix.c"
gcc $flags -DENABLE_WIDE_GPIO_COMPUTE_MODULE -Wl,-soname,librgbmatrix.so.1 -o "$out/wide/librgbmatrix.so.1" \
    "$src/fake_rgbmatrix.c"
gcc $flags -o "$out/libboardsim.so" "$src/boardsim.c" -ldl

rm -f "$out/layout-aarch64.properties"
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
    aarch64-linux-gnu-gcc -std=gnu11 -O0 -S -o "$out/layout-aarch64.s" "$src/layout-aarch64.c"
    # "layout__S__f:" followed by ".xword N" (".8byte N"; ".zero 8" for 0) -> "S.f=N"; sizeof/alignof -> "sizeof.S=N"
    awk '/^layout__[A-Za-z0-9_]+:/ { name = substr($1, 9, length($1) - 9); next }
         name != "" && ($1 == ".xword" || $1 == ".8byte" || $1 == ".zero") {
             value = $1 == ".zero" ? 0 : $2
             split(name, parts, "__")
             if (parts[1] == "sizeof" || parts[1] == "alignof") print parts[1] "." parts[2] "=" value
             else print parts[1] "." parts[2] "=" value
             name = ""
         }' "$out/layout-aarch64.s" > "$out/layout-aarch64.properties.tmp"
    mv "$out/layout-aarch64.properties.tmp" "$out/layout-aarch64.properties"
else
    echo "[WARNING] aarch64-linux-gnu-gcc not found: the struct layout is checked for this machine's ABI only" >&2
fi
