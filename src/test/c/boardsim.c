/*
 * boardsim: an LD_PRELOAD shim that makes one process (and its children) believe it runs on a Raspberry Pi.
 * Used by the board simulation tests, in a child JVM only (never in the test runner itself).
 *
 *   BOARDSIM_ROOT=/some/dir   files that stand in for the board's: a path below is read from
 *                             $BOARDSIM_ROOT/<path> instead; missing there = missing on the "board"
 *   BOARDSIM_DENY=/dev/mem:/dev/pio0
 *                             present (stat works) but every open fails: EPERM for /dev/mem (the kernel's
 *                             answer without CAP_SYS_RAWIO), EACCES for the others (no group, no mapping)
 *
 * Redirected paths: /proc/device-tree/... (and its real home /sys/firmware/devicetree/base/...),
 * /proc/cpuinfo, /proc/modules, /dev/mem, /dev/gpiomem, /dev/gpiomem0, /dev/pio0, and the kernel knobs the
 * library writes (/proc/sys/kernel/sched_rt_runtime_us, /sys/devices/system/cpu/isolated). A device is made
 * "mappable" by putting a sparse file of the right size at its place under the root.
 *
 * Real-time scheduling and CPU pinning are neutralised (they report success and do nothing), so a library
 * that asks for SCHED_FIFO 99 on CPU 3 cannot starve a shared build machine.
 *
 * The JVM reaches files through several entry points (open64, openat, stat64, statx found by dlsym, and on
 * JDKs built against old glibc the __xstat family), so all of them are interposed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

static const char *const exact_paths[] = {
  "/proc/cpuinfo", "/proc/modules", "/dev/mem", "/dev/gpiomem", "/dev/gpiomem0", "/dev/pio0",
  "/proc/sys/kernel/sched_rt_runtime_us", "/sys/devices/system/cpu/isolated",
};

/* What to do with a path: pass it through, read it from elsewhere, or refuse it. */
struct route {
  const char *path;  /* the path to use (a buffer or the original) */
  int deny_errno;    /* non-zero: opens fail with this */
};

static int starts_with(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int denied(const char *path) {
  const char *list = getenv("BOARDSIM_DENY");
  if (!list) return 0;
  size_t len = strlen(path);
  for (const char *p = list; *p;) {
    const char *end = strchr(p, ':');
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n == len && strncmp(p, path, n) == 0) return strcmp(path, "/dev/mem") == 0 ? EPERM : EACCES;
    if (!end) break;
    p = end + 1;
  }
  return 0;
}

/* buf must hold PATH_MAX bytes. */
static struct route route_of(const char *path, char *buf) {
  struct route r = { path, 0 };
  const char *root = getenv("BOARDSIM_ROOT");
  if (!root || !path || path[0] != '/') return r;
  const char *tail = NULL;
  char dt[PATH_MAX];
  if (starts_with(path, "/proc/device-tree/") || strcmp(path, "/proc/device-tree") == 0) {
    tail = path;
  } else if (starts_with(path, "/sys/firmware/devicetree/base")) {
    snprintf(dt, sizeof(dt), "/proc/device-tree%s", path + strlen("/sys/firmware/devicetree/base"));
    tail = dt;
  } else {
    for (size_t i = 0; i < sizeof(exact_paths) / sizeof(exact_paths[0]); i++) {
      if (strcmp(path, exact_paths[i]) == 0) tail = path;
    }
  }
  if (!tail) return r;
  snprintf(buf, PATH_MAX, "%s%s", root, tail);
  r.path = buf;
  r.deny_errno = denied(tail);
  return r;
}

#define REAL(name) static __typeof__(name) *real_##name; \
  if (!real_##name) real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

static int mode_arg(int flags, va_list ap) {
  return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE ? va_arg(ap, int) : 0;
}

#define OPEN_LIKE(name)                                                     \
  EXPORT int name(const char *path, int flags, ...) {                      \
    va_list ap; va_start(ap, flags); int mode = mode_arg(flags, ap); va_end(ap); \
    REAL(name);                                                             \
    char buf[PATH_MAX]; struct route r = route_of(path, buf);             \
    if (r.deny_errno) { errno = r.deny_errno; return -1; }                 \
    return real_##name(r.path, flags, mode);                               \
  }
OPEN_LIKE(open)
OPEN_LIKE(open64)

#define OPENAT_LIKE(name)                                                   \
  EXPORT int name(int dirfd, const char *path, int flags, ...) {           \
    va_list ap; va_start(ap, flags); int mode = mode_arg(flags, ap); va_end(ap); \
    REAL(name);                                                             \
    char buf[PATH_MAX]; struct route r = route_of(path, buf);             \
    if (r.deny_errno) { errno = r.deny_errno; return -1; }                 \
    return real_##name(dirfd, r.path, flags, mode);                        \
  }
OPENAT_LIKE(openat)
OPENAT_LIKE(openat64)

/* Fortified variants (_FORTIFY_SOURCE) take no mode. */
int __open_2(const char *, int);
int __open64_2(const char *, int);
int __openat_2(int, const char *, int);
int __openat64_2(int, const char *, int);
#define OPEN2_LIKE(name)                                                    \
  EXPORT int name(const char *path, int flags) {                           \
    REAL(name);                                                             \
    char buf[PATH_MAX]; struct route r = route_of(path, buf);             \
    if (r.deny_errno) { errno = r.deny_errno; return -1; }                 \
    return real_##name(r.path, flags);                                     \
  }
OPEN2_LIKE(__open_2)
OPEN2_LIKE(__open64_2)
#define OPENAT2_LIKE(name)                                                  \
  EXPORT int name(int dirfd, const char *path, int flags) {                \
    REAL(name);                                                             \
    char buf[PATH_MAX]; struct route r = route_of(path, buf);             \
    if (r.deny_errno) { errno = r.deny_errno; return -1; }                 \
    return real_##name(dirfd, r.path, flags);                              \
  }
OPENAT2_LIKE(__openat_2)
OPENAT2_LIKE(__openat64_2)

#define FOPEN_LIKE(name)                                                    \
  EXPORT FILE *name(const char *path, const char *mode) {                  \
    REAL(name);                                                             \
    char buf[PATH_MAX]; struct route r = route_of(path, buf);             \
    if (r.deny_errno) { errno = r.deny_errno; return NULL; }               \
    return real_##name(r.path, mode);                                      \
  }
FOPEN_LIKE(fopen)
FOPEN_LIKE(fopen64)

/* stat and friends: a denied device is still there, so these only redirect. */
#define STAT_LIKE(name, type)                                               \
  EXPORT int name(const char *path, struct type *st) {                     \
    REAL(name);                                                             \
    char buf[PATH_MAX]; return real_##name(route_of(path, buf).path, st);  \
  }
STAT_LIKE(stat, stat)
STAT_LIKE(stat64, stat64)
STAT_LIKE(lstat, stat)
STAT_LIKE(lstat64, stat64)

#define FSTATAT_LIKE(name, type)                                            \
  EXPORT int name(int dirfd, const char *path, struct type *st, int flags) { \
    REAL(name);                                                             \
    char buf[PATH_MAX]; return real_##name(dirfd, route_of(path, buf).path, st, flags); \
  }
FSTATAT_LIKE(fstatat, stat)
FSTATAT_LIKE(fstatat64, stat64)

EXPORT int statx(int dirfd, const char *path, int flags, unsigned int mask, struct statx *st) {
  REAL(statx);
  char buf[PATH_MAX];
  return real_statx(dirfd, route_of(path, buf).path, flags, mask, st);
}

/*
 * The pre-2.33 glibc entry points (what a JDK built against an old glibc calls). On the glibc in use they are
 * compatibility symbols, so they are answered with the modern calls: the version argument only selects the
 * struct layout, which is the kernel's on every 64-bit ABI this runs on.
 */
EXPORT int __xstat(int ver, const char *path, struct stat *st) { (void)ver; return stat(path, st); }
EXPORT int __xstat64(int ver, const char *path, struct stat64 *st) { (void)ver; return stat64(path, st); }
EXPORT int __lxstat(int ver, const char *path, struct stat *st) { (void)ver; return lstat(path, st); }
EXPORT int __lxstat64(int ver, const char *path, struct stat64 *st) { (void)ver; return lstat64(path, st); }
EXPORT int __fxstatat(int ver, int dirfd, const char *path, struct stat *st, int flags) {
  (void)ver;
  return fstatat(dirfd, path, st, flags);
}
EXPORT int __fxstatat64(int ver, int dirfd, const char *path, struct stat64 *st, int flags) {
  (void)ver;
  return fstatat64(dirfd, path, st, flags);
}

EXPORT int access(const char *path, int mode) {
  REAL(access);
  char buf[PATH_MAX]; struct route r = route_of(path, buf);
  if (r.deny_errno && mode != F_OK) { errno = EACCES; return -1; }
  return real_access(r.path, mode);
}

EXPORT int faccessat(int dirfd, const char *path, int mode, int flags) {
  REAL(faccessat);
  char buf[PATH_MAX]; struct route r = route_of(path, buf);
  if (r.deny_errno && mode != F_OK) { errno = EACCES; return -1; }
  return real_faccessat(dirfd, r.path, mode, flags);
}

/* ---- scheduling: report success, change nothing ---- */

static void note(const char *what) {
  if (getenv("BOARDSIM_TRACE")) fprintf(stderr, "boardsim: neutralised %s\n", what);
}

EXPORT int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param) {
  (void)pid; (void)policy; (void)param;
  note("sched_setscheduler");
  return 0;
}

EXPORT int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set) {
  (void)pid; (void)size; (void)set;
  note("sched_setaffinity");
  return 0;
}

EXPORT int pthread_setschedparam(pthread_t thread, int policy, const struct sched_param *param) {
  (void)thread; (void)policy; (void)param;
  note("pthread_setschedparam");
  return 0;
}

EXPORT int pthread_setaffinity_np(pthread_t thread, size_t size, const cpu_set_t *set) {
  (void)thread; (void)size; (void)set;
  note("pthread_setaffinity_np");
  return 0;
}
