package dev.ledmatrix.display;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ledmatrix.storage.AtomicFiles;
import dev.ledmatrix.storage.DataDirectory;

/** Keeps the brightness chosen over the API in {@code <data-dir>/brightness}, written atomically. */
@Component
class BrightnessStore {

    private static final Logger log = LoggerFactory.getLogger(BrightnessStore.class);

    private final Path file;

    BrightnessStore(DataDirectory dataDirectory) {
        this.file = dataDirectory.resolve("brightness");
    }

    OptionalInt load() {
        if (!Files.exists(file)) {
            return OptionalInt.empty();
        }
        try {
            int value = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).strip());
            if (value >= 1 && value <= 100) {
                return OptionalInt.of(value);
            }
            log.warn("{} holds {}, not 1-100; using the configured brightness", file.toAbsolutePath(), value);
        } catch (IOException | NumberFormatException e) {
            log.warn("{} cannot be read ({}); using the configured brightness", file.toAbsolutePath(), e.toString());
        }
        return OptionalInt.empty();
    }

    void save(int brightness) {
        try {
            AtomicFiles.write(file, (brightness + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.toAbsolutePath(), e);
        }
    }
}
