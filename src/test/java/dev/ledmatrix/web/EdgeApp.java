package dev.ledmatrix.web;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service over real HTTP with small edge limits, so caps and lifetimes are reached in a test: 3 viewers
 * per stream, streams that live 6 s, one PNG encoding at a time, at most 1 Mpx. Test classes that extend this share the one
 * running service, and each leaves it as it found it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SecretTestTypes.class)
abstract class EdgeApp {

    static final String TOKEN = "edge-test-token-0123456789";
    static final Path DATA = TestDataDirs.create("edge");
    static final int MAX_STREAM_CLIENTS = 3;
    static final int STREAM_LIFETIME_SECONDS = 6;
    /** 1 Mpx: a 128×32 display up to scale 16. */
    static final int MAX_PNG_PIXELS = 1024 * 1024;

    @DynamicPropertySource
    static void edgeProperties(DynamicPropertyRegistry registry) {
        registry.add("ledmatrix.data-dir", DATA::toString);
        registry.add("ledmatrix.plugins-dir", () -> DATA.resolve("no-plugins").toString());
        registry.add("ledmatrix.security.api-token", () -> TOKEN);
        registry.add("ledmatrix.web.max-stream-clients", () -> MAX_STREAM_CLIENTS);
        registry.add("ledmatrix.web.stream-lifetime", () -> STREAM_LIFETIME_SECONDS + "s");
        registry.add("ledmatrix.web.max-png-renders", () -> 1);
        registry.add("ledmatrix.web.max-png-pixels", () -> MAX_PNG_PIXELS);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void edgeClient() {
        api = ApiClient.of(port, TOKEN);
    }
}
