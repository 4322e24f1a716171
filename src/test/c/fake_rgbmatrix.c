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
 * The declarations below are written from the documented field order and types; this file does not
 * include the real header.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))

struct RGBLedMatrixOptions {
  const char *hardware_mapping;
  int rows;
  int cols;
  int chain_length;
  int parallel;
  int pwm_bits;
  int pwm_lsb_nanoseconds;
  int pwm_dither_bits;
  int brightness;
  int scan_mode;
  int row_address_type;
  int multiplexing;
  bool disable_hardware_pulsing;
  bool show_refresh_rate;
  bool inverse_colors;
  const char *led_rgb_sequence;
  const char *pixel_mapper_config;
  const char *panel_type;
  int limit_refresh_rate_hz;
  bool disable_busy_waiting;
};

struct RGBLedRuntimeOptions {
  int gpio_slowdown;
  int rp1_rio;
  int daemon;
  int drop_privileges;
  bool do_gpio_init;
  const char *drop_priv_user;
  const char *drop_priv_group;
};

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

static const char *const mapping_names[] = {
  "regular", "adafruit-hat", "adafruit-hat-pwm", "regular-pi1", "classic", "classic-pi1", "compute-module",
};
static const int mapping_max_parallel[] = { 3, 1, 1, 1, 3, 1, 6 };

static int max_parallel_for(const char *mapping) {
  for (size_t i = 0; i < sizeof(mapping_names) / sizeof(mapping_names[0]); i++) {
    if (strcasecmp(mapping, mapping_names[i]) == 0) return mapping_max_parallel[i];
  }
  return -1;
}

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
  /* Where the real library would kill the process, the fake refuses and counts it instead. */
  int max_parallel = max_parallel_for(o->hardware_mapping);
  if (max_parallel < 0) { would_abort++; REJECT("unknown hardware mapping (real library: abort())"); }
  else if (o->parallel > max_parallel) { would_abort++; REJECT("parallel above the mapping's maximum (real library: abort())"); }
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

EXPORT struct LedCanvas *led_matrix_swap_on_vsync(struct RGBLedMatrix *m, struct LedCanvas *canvas) {
  api_calls++;
  if (!m->refresh_thread) return NULL;
  if (!canvas) return m->active;
  struct LedCanvas *previous = m->active;
  m->active = canvas;
  m->swaps++;
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
#define FIELD(S, f) { #S "." #f, (long)offsetof(struct S, f) }
#define SIZES(S) { "sizeof " #S, (long)sizeof(struct S) }, { "alignof " #S, (long)_Alignof(struct S) }
static const struct { const char *key; long value; } layout[] = {
  FIELD(RGBLedMatrixOptions, hardware_mapping),
  FIELD(RGBLedMatrixOptions, rows),
  FIELD(RGBLedMatrixOptions, cols),
  FIELD(RGBLedMatrixOptions, chain_length),
  FIELD(RGBLedMatrixOptions, parallel),
  FIELD(RGBLedMatrixOptions, pwm_bits),
  FIELD(RGBLedMatrixOptions, pwm_lsb_nanoseconds),
  FIELD(RGBLedMatrixOptions, pwm_dither_bits),
  FIELD(RGBLedMatrixOptions, brightness),
  FIELD(RGBLedMatrixOptions, scan_mode),
  FIELD(RGBLedMatrixOptions, row_address_type),
  FIELD(RGBLedMatrixOptions, multiplexing),
  FIELD(RGBLedMatrixOptions, disable_hardware_pulsing),
  FIELD(RGBLedMatrixOptions, show_refresh_rate),
  FIELD(RGBLedMatrixOptions, inverse_colors),
  FIELD(RGBLedMatrixOptions, led_rgb_sequence),
  FIELD(RGBLedMatrixOptions, pixel_mapper_config),
  FIELD(RGBLedMatrixOptions, panel_type),
  FIELD(RGBLedMatrixOptions, limit_refresh_rate_hz),
  FIELD(RGBLedMatrixOptions, disable_busy_waiting),
  SIZES(RGBLedMatrixOptions),
  FIELD(RGBLedRuntimeOptions, gpio_slowdown),
  FIELD(RGBLedRuntimeOptions, rp1_rio),
  FIELD(RGBLedRuntimeOptions, daemon),
  FIELD(RGBLedRuntimeOptions, drop_privileges),
  FIELD(RGBLedRuntimeOptions, do_gpio_init),
  FIELD(RGBLedRuntimeOptions, drop_priv_user),
  FIELD(RGBLedRuntimeOptions, drop_priv_group),
  SIZES(RGBLedRuntimeOptions),
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
