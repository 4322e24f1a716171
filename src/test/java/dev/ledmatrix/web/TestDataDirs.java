package dev.ledmatrix.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fresh data directory per test class, under {@code target/} when Maven runs the tests (so {@code mvn clean}
 * removes it and a failed run can be inspected), and the fingerprint of everything in it.
 */
final class TestDataDirs {

    private TestDataDirs() {
    }

    static Path create(String name) {
        String target = System.getProperty("ledmatrix.test.target");
        try {
            Path parent = target != null ? Path.of(target, "api-test-data") : Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code dir} (relative path) with the SHA-256 of its content. */
    static Map<String, String> fingerprint(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
                files.put(dir.relativize(file).toString(), HexFormat.of().formatHex(digest));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }
}
