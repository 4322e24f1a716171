package dev.ledmatrix.web.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ledmatrix.storage.AtomicFiles;
import dev.ledmatrix.storage.DataDirectory;

/**
 * The one bearer token that authorises writes: configured, or read from {@code <data-dir>/api-token}, or
 * generated there at first start with owner-only permissions.
 */
@Component
class ApiToken {

    private static final Logger log = LoggerFactory.getLogger(ApiToken.class);
    static final String FILE = "api-token";
    private static final int MIN_LENGTH = 16;

    private final byte[] token;

    ApiToken(SecurityProperties properties, DataDirectory dataDirectory) {
        String configured = properties.apiToken();
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < MIN_LENGTH) {
                throw new IllegalArgumentException("ledmatrix.security.api-token must be at least " + MIN_LENGTH
                        + " characters long");
            }
            this.token = configured.strip().getBytes(StandardCharsets.UTF_8);
            log.info("API token: from ledmatrix.security.api-token");
            return;
        }
        Path file = dataDirectory.resolve(FILE);
        this.token = readOrCreate(file).getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
    boolean matches(String candidate) {
        return candidate != null
                && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String readOrCreate(Path file) {
        try {
            AtomicFiles.deleteLeftoversOf(file); // of a first start killed while writing the token
            if (Files.exists(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (existing.length() >= MIN_LENGTH) {
                    log.info("API token: read from {}", file.toAbsolutePath());
                    return existing;
                }
                Path aside = AtomicFiles.setAside(file, java.time.Instant.now());
                log.warn("API token file {} held no usable token; kept as {} and a new one generated",
                        file.toAbsolutePath(), aside.getFileName());
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            AtomicFiles.write(file, (generated + "\n").getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-------"));
            log.info("API token: generated at first start into {} (readable by its owner only); send it as "
                    + "'Authorization: Bearer <token>' for POST, PUT and DELETE", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the API token file " + file.toAbsolutePath(), e);
        }
    }
}
