/*
 * The option structs' layout as the Raspberry Pi's own compiler sees it: compiled with
 * aarch64-linux-gnu-gcc -S (never linked or run), each value lands in the assembly as a constant that
 * build.sh turns into target/native/layout-aarch64.properties for NativeLayoutTest.
 */
#include <stddef.h>
#include "rgbmatrix-structs.h"

#define FIELD(S, f) const long layout__##S##__##f = (long)offsetof(struct S, f);
#define SIZES(S) const long layout__sizeof__##S = (long)sizeof(struct S); \
  const long layout__alignof__##S = (long)_Alignof(struct S);
RGBMATRIX_LAYOUT(FIELD, SIZES)
