/** The plugin types that ship with the service: clock, text and http-json. Each uses only the SPI. */
package dev.ledmatrix.plugin.builtin;
