package dev.ledmatrix.plugin;

/**
 * One way a config breaks its type's schema.
 *
 * @param field   where, as a path into the config such as {@code config.color} or {@code config} itself
 * @param message what is wrong there
 */
public record ConfigViolation(String field, String message) {
}
