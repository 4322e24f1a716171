package dev.ledmatrix.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledmatrix.security.*}.
 *
 * @param apiToken the bearer token for writes; when unset, one is generated at first start into
 *                 {@code <data-dir>/api-token}
 */
@ConfigurationProperties("ledmatrix.security")
public record SecurityProperties(String apiToken) {
}
