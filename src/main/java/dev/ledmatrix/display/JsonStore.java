package dev.ledmatrix.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ledmatrix.storage.AtomicFiles;
import tools.jackson.databind.json.JsonMapper;

/** One display setting as a JSON file in the data directory, written atomically; an unreadable file is reported and ignored. */
final class JsonStore<T> {

    private static final Logger log = LoggerFactory.getLogger(JsonStore.class);

    private final Path file;
    private final Class<T> type;
    private final JsonMapper json;

    JsonStore(Path file, Class<T> type, JsonMapper json) {
        this.file = file;
        this.type = type;
        this.json = json;
    }

    Optional<T> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(json.readValue(Files.readAllBytes(file), type));
        } catch (IOException | RuntimeException e) {
            log.warn("{} cannot be read ({}); ignoring it", file.toAbsolutePath(), e.getMessage());
            return Optional.empty();
        }
    }

    void save(T value) {
        try {
            AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file.toAbsolutePath(), e);
        }
    }
}
