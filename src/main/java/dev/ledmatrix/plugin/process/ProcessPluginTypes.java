package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * Finds process plugin types: every folder of the plugins directory that holds a {@code plugin.json}. A manifest
 * that cannot be used is reported with the reason and skipped, never fatal.
 */
@Component
public class ProcessPluginTypes {

    /** A folder that could not be used, and why. */
    public record Failure(String source, String reason) {
    }

    /** What a scan found. */
    public record Scan(List<ProcessPluginType> types, List<Failure> failures) {
    }

    private final ProcessSupervisor supervisor;

    public ProcessPluginTypes(ProcessSupervisor supervisor) {
        this.supervisor = supervisor;
    }

    /** The manifest's place as listed in the API, e.g. {@code weather/plugin.json}. */
    public static String sourceOf(ProcessPluginType type) {
        return type.directory().getFileName() + "/" + Manifest.FILE;
    }

    public Scan scan(Path pluginsDir) {
        List<ProcessPluginType> types = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (!Files.isDirectory(pluginsDir)) {
            return new Scan(types, failures);
        }
        List<Path> folders;
        try (Stream<Path> entries = Files.list(pluginsDir)) {
            folders = entries.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve(Manifest.FILE))).sorted()
                    .toList();
        } catch (IOException e) {
            failures.add(new Failure(pluginsDir.toString(), "cannot list the plugin directory: " + e.getMessage()));
            return new Scan(types, failures);
        }
        for (Path folder : folders) {
            String source = folder.getFileName() + "/" + Manifest.FILE;
            try {
                types.add(new ProcessPluginType(Manifest.read(folder.toAbsolutePath(), supervisor.json()), supervisor));
            } catch (Manifest.Invalid e) {
                failures.add(new Failure(source, e.getMessage()));
            } catch (RuntimeException e) {
                failures.add(new Failure(source, "unusable: " + e.getMessage()));
            }
        }
        return new Scan(List.copyOf(types), List.copyOf(failures));
    }
}
