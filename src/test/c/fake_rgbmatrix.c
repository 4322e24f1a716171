/*
 * A stand-in for librgbmatrix.so.1 (hzeller/rpi-rgb-led-matrix, 2026-04+ generation) that runs on any
 * Linux box: the Java binding loads it by path instead of the real library.
 *
 * It implements the part of the C API the binding uses with the library's observable rules:
 *  - a zero field in the option structs means "library default"; the values used are written back;
 *  - options are validated like the library's and create returns NULL when they are invalid,
 *    or when the environment variable FAKE_RGBMATRIX_FAIL is set;
 *  - double buffering: swap queues a canvas and returns the previously displayed one; when the
 *    environment variable FAKE_RGBMATRIX_NO_REFRESH is set at create time there is no refresh thread
 *    and swap returns NULL, as the real library does;
 *  - brightness only affects pixels set afterwards (modelled as a linear scale of the stored bytes).
 * Test-only functions (prefix fake_) read back pixels, swap counts, options and the struct layout
 * as this compiler sees it (the layout oracle for the Java StructLayouts).
 *
 * Two modes, chosen by what the process sees:
 *  - not a Raspberry Pi (no "Raspberry Pi" in /proc/device-tree/model), e.g. the test runner: no hardware
 *    at all, and where the real library would end the process the fake refuses and counts it instead
 *    (fake_would_abort), so a test runner that loads it can never die;
 *  - a Raspberry Pi, which here only ever means a child process under the boardsim LD_PRELOAD shim
 *    (src/test/c/boardsim.c): the hardware paths of upstream's gpio.cc, framebuffer.cc, led-matrix.cc and
 *    lib/rp1/ as that library takes them, including its exit(1) and abort() calls, from the board's files
 *    and device nodes (read from upstream cf60d08; this is a re-statement of the behaviour, not its code).
 * Built twice: as upstream builds by default (no "compute-module" mapping) and with
 * -DENABLE_WIDE_GPIO_COMPUTE_MODULE (target/native/wide/).
 *
 * The struct declarations (rgbmatrix-structs.h) are written from the documented field order and types;
 * this file does not include the real header.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define EXPORT __attribute__((visibility("default")))

#include "rgbmatrix-structs.h"

struct RGBLedMatrix;

struct LedCanvas {
  struct RGBLedMatrix *owner;
  int width;
  int height;
  uint8_t *rgb;
};

struct RGBLedMatrix {
  struct RGBLedMatrixOptions opts;
  struct RGBLedRuntimeOptions rt;
  int width;
  int height;
  uint8_t brightness;
  bool refresh_thread;
  struct LedCanvas *active;
  struct LedCanvas **canvases;
  int canvas_count;
  unsigned long swaps;
  unsigned long writes_to_active;
};

/* Process-wide bookkeeping for tests; the binding is driven from one thread at a time. */
static unsigned long api_calls;
static unsigned long would_abort;
static int live_matrices;
static struct RGBLedMatrixOptions last_received_opts;
static struct RGBLedRuntimeOptions last_received_rt;
static bool received_opts_null;
static bool received_rt_null;

/* ---- option defaults and validation, modelled on the library ---- */

/* Mapping name, parallel chains, and whether output-enable sits on GPIO 18 or 12 (the PWM pins): only
 * those mappings use the hardware pulse generator, which needs the PWM and clock registers (/dev/mem). */
static const struct { const char *name; int max_parallel; bool oe_on_pwm_pin; } mappings[] = {
  { "regular", 3, true },
  { "adafruit-hat", 1, false },
  { "adafruit-hat-pwm", 1, true },
  { "regular-pi1", 1, true },
  { "classic", 3, false },
  { "classic-pi1", 1, false },
#ifdef ENABLE_WIDE_GPIO_COMPUTE_MODULE
  { "compute-module", 6, true },
#endif
};
#define MAPPING_COUNT (sizeof(mappings) / sizeof(mappings[0]))

static int mapping_index(const char *mapping) {
  for (size_t i = 0; i < MAPPING_COUNT; i++) {
    if (strcasecmp(mapping, mappings[i].name) == 0) return (int)i;
  }
  return -1;
}

static int max_parallel_for(const char *mapping) {
  int i = mapping_index(mapping);
  return i < 0 ? -1 : mappings[i].max_parallel;
}

/* Rows are divided (and columns multiplied) by the multiplexer before the framebuffer sees them. */
static const int mux_row_divisor[22] = { 2, 2, 2, 2, 2, 2, 4, 2, 4, 2, 2, 2, 2, 2, 4, 2, 2, 4, 2, 2, 2, 2 };

#define COPY_IF_SET(dst, src, field) do { if ((src)->field) (dst)->field = (src)->field; } while (0)

static void apply_options(struct RGBLedMatrixOptions *eff, const struct RGBLedMatrixOptions *in) {
  eff->hardware_mapping = "regular";
  eff->rows = 32;
  eff->cols = 32;
  eff->chain_length = 1;
  eff->parallel = 1;
  eff->pwm_bits = 11;
  eff->pwm_lsb_nanoseconds = 130;
  eff->brightness = 100;
  eff->led_rgb_sequence = "RGB";
  if (!in) return;
  COPY_IF_SET(eff, in, hardware_mapping);
  COPY_IF_SET(eff, in, rows);
  COPY_IF_SET(eff, in, cols);
  COPY_IF_SET(eff, in, chain_length);
  COPY_IF_SET(eff, in, parallel);
  COPY_IF_SET(eff, in, pwm_bits);
  COPY_IF_SET(eff, in, pwm_lsb_nanoseconds);
  COPY_IF_SET(eff, in, pwm_dither_bits);
  COPY_IF_SET(eff, in, brightness);
  COPY_IF_SET(eff, in, scan_mode);
  COPY_IF_SET(eff, in, row_address_type);
  COPY_IF_SET(eff, in, multiplexing);
  COPY_IF_SET(eff, in, disable_hardware_pulsing);
  COPY_IF_SET(eff, in, show_refresh_rate);
  COPY_IF_SET(eff, in, inverse_colors);
  COPY_IF_SET(eff, in, led_rgb_sequence);
  COPY_IF_SET(eff, in, pixel_mapper_config);
  COPY_IF_SET(eff, in, panel_type);
  COPY_IF_SET(eff, in, limit_refresh_rate_hz);
  COPY_IF_SET(eff, in, disable_busy_waiting);
}

static void apply_runtime(struct RGBLedRuntimeOptions *eff, const struct RGBLedRuntimeOptions *in) {
  eff->gpio_slowdown = 1;
  eff->drop_privileges = 1;
  eff->do_gpio_init = true;
  eff->drop_priv_user = "daemon";
  eff->drop_priv_group = "daemon";
  if (!in) return;
  COPY_IF_SET(eff, in, gpio_slowdown);
  COPY_IF_SET(eff, in, rp1_rio);
  COPY_IF_SET(eff, in, daemon);
  COPY_IF_SET(eff, in, drop_privileges);
  COPY_IF_SET(eff, in, do_gpio_init);
  COPY_IF_SET(eff, in, drop_priv_user);
  COPY_IF_SET(eff, in, drop_priv_group);
}

static bool has_letter(const char *s, char upper) {
  return strchr(s, upper) || strchr(s, upper + ('a' - 'A'));
}

static bool validate(const struct RGBLedMatrixOptions *o, const struct RGBLedRuntimeOptions *rt) {
  bool ok = true;
#define REJECT(msg) do { fprintf(stderr, "fake_rgbmatrix: %s\n", msg); ok = false; } while (0)
  if (o->rows < 8 || o->rows > 64 || o->rows % 2 != 0) REJECT("rows must be 8..64 and even");
  if (o->cols < 16) REJECT("cols must be >= 16");
  if (o->chain_length < 1) REJECT("chain_length must be >= 1");
  if (o->multiplexing < 0 || o->multiplexing > 22) REJECT("multiplexing must be 0..22");
  if (o->row_address_type < 0 || o->row_address_type > 5) REJECT("row_address_type must be 0..5");
  const int parallel_limit = strcasecmp(o->hardware_mapping, "compute-module") == 0 ? 6 : 3;
  if (o->parallel < 1 || o->parallel > parallel_limit) REJECT("parallel must be 1..3 (1..6 on compute-module)");
  if (o->brightness < 1 || o->brightness > 100) REJECT("brightness must be 1..100");
  if (o->pwm_bits < 1 || o->pwm_bits > 11) REJECT("pwm_bits must be 1..11");
  if (o->scan_mode < 0 || o->scan_mode > 1) REJECT("scan_mode must be 0..1");
  if (o->pwm_lsb_nanoseconds < 50 || o->pwm_lsb_nanoseconds > 3000) REJECT("pwm_lsb_nanoseconds must be 50..3000");
  if (o->pwm_dither_bits < 0 || o->pwm_dither_bits > 2) REJECT("pwm_dither_bits must be 0..2");
  if (strlen(o->led_rgb_sequence) != 3 || !has_letter(o->led_rgb_sequence, 'R')
      || !has_letter(o->led_rgb_sequence, 'G') || !has_letter(o->led_rgb_sequence, 'B'))
    REJECT("led_rgb_sequence must contain R, G and B");
  if (rt->gpio_slowdown < -1 || rt->gpio_slowdown > 10) REJECT("gpio_slowdown must be -1..10");
  if (rt->rp1_rio != 0 && rt->rp1_rio != 1) REJECT("rp1_rio must be 0..1");
  return ok;
#undef REJECT
}

/* Off a Pi: where the real library would kill the process, the fake refuses and counts it instead. */
static bool refuse_fatal_off_pi(const struct RGBLedMatrixOptions *o) {
  bool ok = true;
#define REJECT(msg) do { fprintf(stderr, "fake_rgbmatrix: %s\n", msg); ok = false; } while (0)
  int max_parallel = max_parallel_for(o->hardware_mapping);
  if (max_parallel < 0) { would_abort++; REJECT("unknown hardware mapping (real library: abort())"); }
  else if (o->parallel > max_parallel) { would_abort++; REJECT("parallel above the mapping's maximum (real library: abort())"); }
  int rows = o->rows;
  if (o->multiplexing > 0 && o->multiplexing <= 22) rows /= mux_row_divisor[o->multiplexing - 1];
  if (rows < 4 || rows % 2 != 0) { would_abort++; REJECT("rows after the multiplexer below 4 or odd (real library: abort())"); }
  if (!o->disable_hardware_pulsing && geteuid() != 0) {
    would_abort++;
    REJECT("hardware pulsing without root (real library: exit(1))");
  }
#undef REJECT
  return ok;
}

/* Visible size after the pixel mappers; the fake knows Rotate only, enough to see the binding asks. */
static void visible_size(const struct RGBLedMatrixOptions *o, int *w, int *h) {
  *w = o->cols * o->chain_length;
  *h = o->rows * o->parallel;
  const char *cfg = o->pixel_mapper_config;
  if (cfg && (strncasecmp(cfg, "Rotate:90", 9) == 0 || strncasecmp(cfg, "Rotate:270", 10) == 0)) {
    int t = *w; *w = *h; *h = t;
  }
}

static struct LedCanvas *new_canvas(struct RGBLedMatrix *m) {
  struct LedCanvas *c = calloc(1, sizeof(*c));
  c->owner = m;
  c->width = m->width;
  c->height = m->height;
  c->rgb = calloc((size_t)m->width * (size_t)m->height * 3, 1);
  m->canvases = realloc(m->canvases, sizeof(*m->canvases) * (size_t)(m->canvas_count + 1));
  m->canvases[m->canvas_count++] = c;
  return c;
}

/* ---- on a (simulated) Raspberry Pi: upstream's hardware paths ---- */

enum pi_model { PI_MODEL_1, PI_MODEL_2, PI_MODEL_3, PI_MODEL_4, PI_MODEL_5 };

/* open + one read + close, NUL-terminated; -1 if the file cannot be opened. */
static ssize_t read_small_file(const char *path, char *buf, size_t size) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) { buf[0] = '\0'; return -1; }
  ssize_t r = read(fd, buf, size - 1);
  close(fd);
  buf[r > 0 ? r : 0] = '\0';
  return r;
}

static bool model_contains(const char *needle) {
  char model[256];
  return read_small_file("/proc/device-tree/model", model, sizeof(model)) > 0 && strstr(model, needle) != NULL;
}

static bool on_pi(void) {
  return model_contains("Raspberry Pi");
}

static bool file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* The revision code's board type, like gpio.cc: /proc/cpuinfo, then the device tree, else a Pi 3 guess. */
static enum pi_model pi_model(void) {
  char cpuinfo[4096];
  unsigned revision = 0;
  const char *tag;
  if (read_small_file("/proc/cpuinfo", cpuinfo, sizeof(cpuinfo)) >= 0 && (tag = strstr(cpuinfo, "Revision"))
      && strchr(tag, ':')) {
    sscanf(strchr(tag, ':') + 1, "%x", &revision);
  }
  if (revision == 0) {
    unsigned char be[5];
    int fd = open("/proc/device-tree/system/linux,revision", O_RDONLY);
    if (fd >= 0 && read(fd, be, 4) == 4) revision = (unsigned)be[0] << 24 | be[1] << 16 | be[2] << 8 | be[3];
    if (fd >= 0) close(fd);
  }
  if (revision == 0) {
    fprintf(stderr, "Unknown Revision: Could not determine Pi model\n");
    return PI_MODEL_3;
  }
  switch ((revision >> 4) & 0xff) {
    case 0x00: case 0x01: case 0x02: case 0x03: case 0x05: case 0x06: case 0x09: case 0x0c: return PI_MODEL_1;
    case 0x04: case 0x12: return PI_MODEL_2;
    case 0x11: case 0x13: case 0x14: case 0x15: return PI_MODEL_4;
    case 0x17: case 0x18: case 0x19: case 0x1a: return PI_MODEL_5;
    default: return PI_MODEL_3;
  }
}

static bool pi5_family(void) {
  return pi_model() == PI_MODEL_5 || model_contains("Raspberry Pi 5") || model_contains("Compute Module 5");
}

/* The RP1 backends count as available when their device node exists (stat, not open). */
static bool pio_platform(void) { return pi5_family() && file_exists("/dev/pio0"); }
static bool rio_platform(void) { return pi5_family() && (file_exists("/dev/gpiomem0") || file_exists("/dev/mem")); }

/* Case-sensitive, as upstream compares here; the PIO list has regular-pi1, the RIO list has not. */
static bool rp1_mapping_ok(const char *m, bool pio) {
  if (!m || !*m) m = "regular";
  return strcmp(m, "regular") == 0 || strcmp(m, "classic") == 0 || strcmp(m, "adafruit-hat") == 0
      || strcmp(m, "adafruit-hat-pwm") == 0 || (pio && strcmp(m, "regular-pi1") == 0);
}

static bool rp1_config_ok(const struct RGBLedMatrixOptions *o, bool pio) {
  return rp1_mapping_ok(o->hardware_mapping, pio) && (o->row_address_type == 0 || o->row_address_type == 2)
      && o->parallel >= 1 && o->parallel <= 3;
}

/* BCM (Pi 1-4) registers: /dev/mem for everything, /dev/gpiomem for the GPIO block only. */
#define GPIO_OFFSET 0x200000
static void *map_bcm(enum pi_model model, off_t offset) {
  if (model == PI_MODEL_5) {
    fprintf(stderr, "Pi 5-family boards use the RP1 backends instead of the legacy BCM GPIO mapping.\n");
    return NULL;
  }
  off_t base = model == PI_MODEL_1 ? 0x20000000 : model == PI_MODEL_4 ? 0xFE000000 : 0x3F000000;
  int fd = open("/dev/mem", O_RDWR | O_SYNC);
  if (fd < 0) {
    if (offset != GPIO_OFFSET) return NULL;
    fd = open("/dev/gpiomem", O_RDWR | O_SYNC);
    if (fd < 0) return NULL;
  }
  void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, base + offset);
  close(fd);
  if (p == MAP_FAILED) {
    perror("mmap error: ");
    return NULL;
  }
  return p;
}

static bool module_loaded(const char *name) {
  FILE *f = fopen("/proc/modules", "r");
  if (!f) return false;
  char line[256];
  bool found = false;
  while (!found && fgets(line, sizeof(line), f)) found = strncmp(line, name, strlen(name)) == 0;
  fclose(f);
  return found;
}

static void rio_init_or_die(void) {
  static const struct { const char *path; off_t offset; } candidates[] = {
    { "/dev/gpiomem0", 0 }, { "/dev/gpiomem0", 0x1f000d0000LL }, { "/dev/mem", 0x1f000d0000LL },
  };
  for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
    int fd = open(candidates[i].path, O_RDWR | O_SYNC);
    if (fd < 0) continue;
    void *p = mmap(NULL, 0x40000, PROT_READ | PROT_WRITE, MAP_SHARED, fd, candidates[i].offset);
    close(fd);
    if (p != MAP_FAILED) return;
  }
  fprintf(stderr, "Pi 5-family RP1 RIO backend: could not map RP1 GPIO registers via /dev/gpiomem0 or /dev/mem.\n");
  abort();
}

/*
 * piolib: opening the device fails with exit(1) (and says so on stdout); claiming a state machine with
 * required=true panics with exit(1). The simulation's /dev/pio0 says "busy" when all state machines are
 * taken (a stand-in for the driver's answer).
 */
static void pio_init_or_die(void) {
  int fd = open("/dev/pio0", O_RDWR, O_CLOEXEC);
  if (fd < 0) {
    printf("* Failed to open PIO device %d (error %d)\n", 0, -errno);
    exit(1);
  }
  char state[8] = { 0 };
  ssize_t n = read(fd, state, sizeof(state) - 1);
  if (n >= 4 && strncmp(state, "busy", 4) == 0) {
    fprintf(stderr, "PANIC: No PIO state machines are available\n");
    exit(1);
  }
  /* the descriptor stays open for the life of the process, as the library keeps its PIO instance */
}

static void bcm_pulser_or_die(const struct RGBLedMatrixOptions *o, int mapping, void *pwm, void *clk) {
  if (o->disable_hardware_pulsing || !mappings[mapping].oe_on_pwm_pin) return;  /* timer-based pulses */
  if (!pwm || !clk) {
    fprintf(stderr, "Need root. You are configured to use the hardware pulse generator for\n"
            "\tsmooth color rendering, however the necessary hardware\n"
            "\tregisters can't be accessed because you probably don't run\n"
            "\twith root permissions or privileges have been dropped.\n"
            "\tExiting; run as root or with --led-no-hardware-pulse\n\n");
    exit(1);
  }
  if (module_loaded("snd_bcm2835")) {
    fprintf(stderr, "=== snd_bcm2835: found that the Pi sound module is loaded. ===\n"
            "Exiting; fix the above first or use --led-no-hardware-pulse\n\n");
    exit(1);
  }
}

/* led-matrix.cc CreateFromOptions after validation, then the Impl constructor and SetGPIO. */
static bool pi_hardware_init(const struct RGBLedMatrixOptions *o, const struct RGBLedRuntimeOptions *rt) {
  const bool use_rio = rt->rp1_rio > 0 && rio_platform() && rp1_config_ok(o, false);
  const bool use_pio = !use_rio && pio_platform() && rp1_config_ok(o, true);
  if ((pio_platform() || rio_platform()) && !use_pio && !use_rio) {
    fprintf(stderr, "Pi 5-family RP1 backend is available, but this configuration is not supported yet.\n"
            "Supported for now: mappings regular/adafruit-hat/adafruit-hat-pwm/classic and "
            "--led-row-addr-type=0 or 2.\n");
    return false;
  }
  void *pwm = NULL, *clk = NULL;
  if (!use_pio && !use_rio) {
    enum pi_model model = pi_model();
    if (!map_bcm(model, GPIO_OFFSET)) {
      fprintf(stderr, "Must run as root to be able to access /dev/mem\nPrepend 'sudo' to the command\n");
      return false;
    }
    map_bcm(model, 0x3000); /* the 1 MHz counter */
    pwm = map_bcm(model, GPIO_OFFSET + 0xC000);
    clk = map_bcm(model, 0x101000);
  }
  int rows = o->rows;
  if (o->multiplexing > 0 && o->multiplexing <= 22) rows /= mux_row_divisor[o->multiplexing - 1];
  int mapping = mapping_index(o->hardware_mapping);
  if (mapping < 0) {
    fprintf(stderr, "There is no hardware mapping named '%s'.\nAvailable: ", o->hardware_mapping);
    for (size_t i = 0; i < MAPPING_COUNT; i++) fprintf(stderr, "%s'%s'", i ? ", " : "", mappings[i].name);
    fprintf(stderr, "\n");
    abort();
  }
  if (!(rows >= 4 && rows <= 64 && rows % 2 == 0)) {
    fprintf(stderr, "framebuffer.cc: Framebuffer::Framebuffer: Assertion `rows_ >=4 && rows_ <= 64 && rows_ %% 2 == 0'"
            " failed.\n");
    abort();
  }
  if (o->parallel > mappings[mapping].max_parallel) {
    fprintf(stderr, "The %s GPIO mapping only supports %d parallel chain%s, but %d was requested.\n",
            mappings[mapping].name, mappings[mapping].max_parallel, mappings[mapping].max_parallel > 1 ? "s" : "",
            o->parallel);
    abort();
  }
  if (use_rio) rio_init_or_die();
  else if (use_pio) pio_init_or_die();
  else bcm_pulser_or_die(o, mapping, pwm, clk);
  return true;
}

/* ---- the C API ---- */

EXPORT struct RGBLedMatrix *led_matrix_create_from_options_and_rt_options(
    struct RGBLedMatrixOptions *opts, struct RGBLedRuntimeOptions *rt_opts) {
  api_calls++;
  received_opts_null = opts == NULL;
  received_rt_null = rt_opts == NULL;
  if (opts) last_received_opts = *opts;
  if (rt_opts) last_received_rt = *rt_opts;

  struct RGBLedMatrixOptions eff_opts = {0};
  struct RGBLedRuntimeOptions eff_rt = {0};
  apply_options(&eff_opts, opts);
  apply_runtime(&eff_rt, rt_opts);
  if (opts) *opts = eff_opts;   /* write-back happens before creation, as in the library */
  if (rt_opts) *rt_opts = eff_rt;

  if (getenv("FAKE_RGBMATRIX_FAIL")) {
    fprintf(stderr, "fake_rgbmatrix: FAKE_RGBMATRIX_FAIL is set, returning NULL\n");
    return NULL;
  }
  if (!validate(&eff_opts, &eff_rt)) return NULL;
  if (on_pi()) {
    if (!pi_hardware_init(&eff_opts, &eff_rt)) return NULL;
  } else if (!refuse_fatal_off_pi(&eff_opts)) {
    return NULL;
  }

  struct RGBLedMatrix *m = calloc(1, sizeof(*m));
  m->opts = eff_opts;
  m->rt = eff_rt;
  m->brightness = (uint8_t)eff_opts.brightness;
  m->refresh_thread = getenv("FAKE_RGBMATRIX_NO_REFRESH") == NULL;
  visible_size(&eff_opts, &m->width, &m->height);
  m->active = new_canvas(m);
  live_matrices++;
  return m;
}

EXPORT void led_matrix_delete(struct RGBLedMatrix *m) {
  api_calls++;
  if (!m) return;
  for (int i = 0; i < m->canvas_count; i++) {
    free(m->canvases[i]->rgb);
    free(m->canvases[i]);
  }
  free(m->canvases);
  free(m);
  live_matrices--;
}

EXPORT struct LedCanvas *led_matrix_create_offscreen_canvas(struct RGBLedMatrix *m) {
  api_calls++;
  return new_canvas(m);
}

EXPORT struct LedCanvas *led_matrix_get_canvas(struct RGBLedMatrix *m) {
  api_calls++;
  return m->refresh_thread ? m->active : NULL;
}

/*
 * For tests that run the service in another process: with FAKE_RGBMATRIX_REPORT=<path> set, every swap
 * rewrites <path>.<pid> with the swap count and how many pixels of the frame now on display are lit.
 */
static void report(const struct RGBLedMatrix *m) {
  const char *base = getenv("FAKE_RGBMATRIX_REPORT");
  if (!base) return;
  char path[4096];
  snprintf(path, sizeof(path), "%s.%ld", base, (long)getpid());
  size_t lit = 0;
  const struct LedCanvas *c = m->active;
  for (size_t i = 0; i < (size_t)c->width * (size_t)c->height; i++) {
    if (c->rgb[3 * i] | c->rgb[3 * i + 1] | c->rgb[3 * i + 2]) lit++;
  }
  char line[128];
  int n = snprintf(line, sizeof(line), "swaps=%lu lit=%zu size=%dx%d\n", m->swaps, lit, c->width, c->height);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return;
  if (write(fd, line, (size_t)n) < 0) { /* best effort */ }
  close(fd);
}

EXPORT struct LedCanvas *led_matrix_swap_on_vsync(struct RGBLedMatrix *m, struct LedCanvas *canvas) {
  api_calls++;
  if (!m->refresh_thread) return NULL;
  if (!canvas) return m->active;
  struct LedCanvas *previous = m->active;
  m->active = canvas;
  m->swaps++;
  report(m);
  return previous;
}

EXPORT void led_canvas_get_size(const struct LedCanvas *c, int *width, int *height) {
  api_calls++;
  *width = c->width;
  *height = c->height;
}

static void put_pixel(struct LedCanvas *c, int x, int y, uint8_t r, uint8_t g, uint8_t b) {
  if (x < 0 || y < 0 || x >= c->width || y >= c->height) return;
  unsigned scale = c->owner->brightness;
  uint8_t *p = c->rgb + ((size_t)y * (size_t)c->width + (size_t)x) * 3;
  p[0] = (uint8_t)(r * scale / 100);
  p[1] = (uint8_t)(g * scale / 100);
  p[2] = (uint8_t)(b * scale / 100);
}

static void note_write(struct LedCanvas *c) {
  if (c == c->owner->active) c->owner->writes_to_active++;
}

EXPORT void led_canvas_set_pixel(struct LedCanvas *c, int x, int y, uint8_t r, uint8_t g, uint8_t b) {
  api_calls++;
  note_write(c);
  put_pixel(c, x, y, r, g, b);
}

EXPORT void led_canvas_clear(struct LedCanvas *c) {
  api_calls++;
  note_write(c);
  memset(c->rgb, 0, (size_t)c->width * (size_t)c->height * 3);
}

EXPORT void set_image(struct LedCanvas *c, int offset_x, int offset_y, const uint8_t *image, size_t size,
                      int image_width, int image_height, char is_bgr) {
  api_calls++;
  if (image_width < 0 || image_height < 0 || size != (size_t)image_width * (size_t)image_height * 3) return;
  note_write(c);
  for (int y = 0; y < image_height; y++) {
    const uint8_t *row = image + (size_t)y * (size_t)image_width * 3;
    for (int x = 0; x < image_width; x++) {
      const uint8_t *px = row + (size_t)x * 3;
      if (is_bgr) put_pixel(c, offset_x + x, offset_y + y, px[2], px[1], px[0]);
      else put_pixel(c, offset_x + x, offset_y + y, px[0], px[1], px[2]);
    }
  }
}

EXPORT uint8_t led_matrix_get_brightness(struct RGBLedMatrix *m) {
  api_calls++;
  return m->brightness;
}

EXPORT void led_matrix_set_brightness(struct RGBLedMatrix *m, uint8_t brightness) {
  api_calls++;
  if (brightness >= 1 && brightness <= 100) m->brightness = brightness;
}

/* The real library exports the RP1 (Pi 5) PIO helpers since the generation that added rp1_rio; the
 * binding checks for this symbol to recognise that struct layout. */
EXPORT void *pio_open(unsigned idx) {
  (void)idx;
  return NULL;
}

/* ---- test-only functions ---- */

EXPORT size_t fake_canvas_copy_rgb(const struct LedCanvas *c, uint8_t *out, size_t capacity) {
  size_t n = (size_t)c->width * (size_t)c->height * 3;
  if (n > capacity) n = capacity;
  memcpy(out, c->rgb, n);
  return n;
}

EXPORT struct LedCanvas *fake_matrix_active_canvas(const struct RGBLedMatrix *m) { return m->active; }
EXPORT unsigned long fake_matrix_swap_count(const struct RGBLedMatrix *m) { return m->swaps; }
EXPORT unsigned long fake_matrix_writes_to_active(const struct RGBLedMatrix *m) { return m->writes_to_active; }
EXPORT int fake_matrix_canvas_count(const struct RGBLedMatrix *m) { return m->canvas_count; }

/* The options the matrix runs with (defaults applied). */
EXPORT void fake_matrix_get_options(const struct RGBLedMatrix *m, struct RGBLedMatrixOptions *opts,
                                    struct RGBLedRuntimeOptions *rt) {
  *opts = m->opts;
  *rt = m->rt;
}

/* The structs exactly as the last create call received them (before defaults); returns 0 when both
 * pointers were non-NULL. */
EXPORT int fake_last_received_options(struct RGBLedMatrixOptions *opts, struct RGBLedRuntimeOptions *rt) {
  *opts = last_received_opts;
  *rt = last_received_rt;
  return (received_opts_null ? 1 : 0) | (received_rt_null ? 2 : 0);
}

EXPORT unsigned long fake_api_calls(void) { return api_calls; }
EXPORT unsigned long fake_would_abort(void) { return would_abort; }
EXPORT int fake_live_matrices(void) { return live_matrices; }

/* Layout oracle: "Struct.field" gives offsetof, "sizeof Struct" and "alignof Struct" the sizes, -1 if unknown. */
#define FIELD(S, f) { #S "." #f, (long)offsetof(struct S, f) },
#define SIZES(S) { "sizeof " #S, (long)sizeof(struct S) }, { "alignof " #S, (long)_Alignof(struct S) },
static const struct { const char *key; long value; } layout[] = {
  RGBMATRIX_LAYOUT(FIELD, SIZES)
};

/* Also "fields Struct": how many members the struct has, so a member missing in Java is noticed. */
EXPORT long fake_layout(const char *key) {
  const size_t n = sizeof(layout) / sizeof(layout[0]);
  if (strncmp(key, "fields ", 7) == 0) {
    const char *name = key + 7;
    const size_t len = strlen(name);
    long count = 0;
    for (size_t i = 0; i < n; i++) {
      if (strncmp(layout[i].key, name, len) == 0 && layout[i].key[len] == '.') count++;
    }
    return count;
  }
  for (size_t i = 0; i < n; i++) {
    if (strcmp(layout[i].key, key) == 0) return layout[i].value;
  }
  return -1;
}
