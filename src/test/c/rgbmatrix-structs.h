/*
 * The two option structs of librgbmatrix's C API (the 2026-04+ generation with rp1_rio), written from the
 * documented field order and types, and the list of their members. Shared by the fake library (whose
 * fake_layout() is the x86-64 layout oracle) and layout-aarch64.c (the same offsets from the Pi's compiler).
 */
#ifndef RGBMATRIX_STRUCTS_H
#define RGBMATRIX_STRUCTS_H
#include <stdbool.h>

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

/* Every member, then the sizes: FIELD(Struct, member) and SIZES(Struct). */
#define RGBMATRIX_LAYOUT(FIELD, SIZES)                 \
  FIELD(RGBLedMatrixOptions, hardware_mapping)         \
  FIELD(RGBLedMatrixOptions, rows)                     \
  FIELD(RGBLedMatrixOptions, cols)                     \
  FIELD(RGBLedMatrixOptions, chain_length)             \
  FIELD(RGBLedMatrixOptions, parallel)                 \
  FIELD(RGBLedMatrixOptions, pwm_bits)                 \
  FIELD(RGBLedMatrixOptions, pwm_lsb_nanoseconds)      \
  FIELD(RGBLedMatrixOptions, pwm_dither_bits)          \
  FIELD(RGBLedMatrixOptions, brightness)               \
  FIELD(RGBLedMatrixOptions, scan_mode)                \
  FIELD(RGBLedMatrixOptions, row_address_type)         \
  FIELD(RGBLedMatrixOptions, multiplexing)             \
  FIELD(RGBLedMatrixOptions, disable_hardware_pulsing) \
  FIELD(RGBLedMatrixOptions, show_refresh_rate)        \
  FIELD(RGBLedMatrixOptions, inverse_colors)           \
  FIELD(RGBLedMatrixOptions, led_rgb_sequence)         \
  FIELD(RGBLedMatrixOptions, pixel_mapper_config)      \
  FIELD(RGBLedMatrixOptions, panel_type)               \
  FIELD(RGBLedMatrixOptions, limit_refresh_rate_hz)    \
  FIELD(RGBLedMatrixOptions, disable_busy_waiting)     \
  SIZES(RGBLedMatrixOptions)                           \
  FIELD(RGBLedRuntimeOptions, gpio_slowdown)           \
  FIELD(RGBLedRuntimeOptions, rp1_rio)                 \
  FIELD(RGBLedRuntimeOptions, daemon)                  \
  FIELD(RGBLedRuntimeOptions, drop_privileges)         \
  FIELD(RGBLedRuntimeOptions, do_gpio_init)            \
  FIELD(RGBLedRuntimeOptions, drop_priv_user)          \
  FIELD(RGBLedRuntimeOptions, drop_priv_group)         \
  SIZES(RGBLedRuntimeOptions)

#endif
