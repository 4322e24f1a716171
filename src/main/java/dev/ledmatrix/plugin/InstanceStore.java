package dev.ledmatrix.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.ledmatrix.storage.AtomicFiles;
import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps each instance in its own file, {@code <data-dir>/plugins/<id>.json}, written atomically, so a crash at
 * any moment leaves every instance either as it was or as it was last written.
 */
@Component
class InstanceStore {

    private static final Logger log = LoggerFactory.getLogger(InstanceStore.class);

    /** A file that could not be read at start, and where it was moved so nothing is lost. */
    record Unreadable(String file, String reason, String keptAs) {
    }

    record Loaded(List<InstanceSpec> instances, List<Unreadable> unreadable, boolean firstStart) {
    }

    /** Instance files may hold secrets (API keys, Authorization headers): readable by the service's user only. */
    static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    private final JsonMapper json;
    private final Clock clock;

    InstanceStore(DataDirectory dataDirectory, JsonMapper json, Clock clock) {
        this.dir = dataDirectory.resolve("plugins");
        this.json = json;
        this.clock = clock;
    }

    Loaded load() {
        boolean firstStart = !Files.isDirectory(dir);
        if (firstStart) {
            return new Loaded(List.of(), List.of(), true);
        }
        try {
            for (Path leftover : AtomicFiles.deleteLeftovers(dir)) {
                log.info("Removed {}, left by a write the previous run did not finish", leftover.getFileName());
            }
        } catch (IOException e) {
            log.warn("Cannot remove the temporary files of unfinished writes in {}: {}", dir.toAbsolutePath(), e.toString());
        }
        List<InstanceSpec> instances = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir.toAbsolutePath(), e);
        }
        for (Path file : files) {
            String expectedId = file.getFileName().toString().replaceFirst("\\.json$", "");
            try {
                InstanceSpec spec = json.readValue(Files.readAllBytes(file), InstanceSpec.class);
                if (!spec.id().equals(expectedId)) {
                    throw new IllegalStateException("holds id '" + spec.id() + "' but is named for '" + expectedId + "'");
                }
                instances.add(spec);
            } catch (IOException | RuntimeException e) {
                unreadable.add(setAside(file, e));
            }
        }
        return new Loaded(instances, unreadable, false);
    }

    void save(InstanceSpec spec) {
        try {
            AtomicFiles.write(fileOf(spec.id()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec),
                    OWNER_ONLY);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + fileOf(spec.id()).toAbsolutePath(), e);
        }
    }

    /**
     * First start: creates the directory with the default instances in it, all at once. The directory is what
     * tells later starts that this is not a first start (even once the user has deleted every instance), so it
     * must never exist with only some of the defaults: they are written into a sibling directory that is then
     * renamed into place. A first start killed half-way leaves only that sibling, and the next start begins again.
     */
    void initialise(List<InstanceSpec> defaults) {
        Path staging = dir.resolveSibling(dir.getFileName() + ".new");
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            for (InstanceSpec spec : defaults) {
                AtomicFiles.write(staging.resolve(spec.id() + ".json"),
                        json.writerWithDefaultPrettyPrinter().writeValueAsBytes(spec), OWNER_ONLY);
            }
            AtomicFiles.moveDirectoryIntoPlace(staging, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir.toAbsolutePath(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    void delete(String id) {
        try {
            Files.deleteIfExists(fileOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + fileOf(id).toAbsolutePath(), e);
        }
    }

    Path directory() {
        return dir;
    }

    private Path fileOf(String id) {
        return dir.resolve(id + ".json");
    }

    private Unreadable setAside(Path file, Exception cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        reason = reason.lines().findFirst().orElse(reason);
        try {
            Path aside = AtomicFiles.setAside(file, clock.instant());
            log.error("Instance file {} cannot be read ({}); kept as {} and skipped", file.toAbsolutePath(), reason,
                    aside.getFileName());
            return new Unreadable(file.getFileName().toString(), reason, aside.getFileName().toString());
        } catch (IOException e) {
            log.error("Instance file {} cannot be read ({}) nor moved aside ({}); skipped", file.toAbsolutePath(),
                    reason, e.toString());
            return new Unreadable(file.getFileName().toString(), reason, null);
        }
    }
}
