package dev.ledmatrix.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** Reads the files under docker/ the way the tools that use them do (YAML, Dockerfile, systemd unit). */
final class DeploymentFiles {

    /** Surefire runs in the project directory. */
    static final Path ROOT = Path.of(System.getProperty("user.dir"));
    static final Path DOCKER = ROOT.resolve("docker");

    private DeploymentFiles() {
    }

    static String read(String relative) {
        try {
            return Files.readString(ROOT.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relative) {
        return new Yaml().load(read(relative));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** One Dockerfile instruction, continuation lines joined; {@code stage} counts FROMs from 0. */
    record Instruction(String keyword, String arguments, int stage) {
    }

    /** Parses a Dockerfile: comment lines dropped (also inside continuations, as Docker does), lines joined. */
    static List<Instruction> dockerfile(String relative) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int stage = -1;
        for (String line : read(relative).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continued) {
                String text = current.toString().strip().replaceAll("\\s+", " ");
                current.setLength(0);
                int space = text.indexOf(' ');
                String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase();
                String arguments = space < 0 ? "" : text.substring(space + 1);
                if (keyword.equals("FROM")) {
                    stage++;
                }
                out.add(new Instruction(keyword, arguments, stage));
            }
        }
        return out;
    }

    /** The [Service], [Unit] and [Install] keys of a systemd unit; repeated keys keep every value. */
    static Map<String, List<String>> unit(String relative) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String section = "";
        for (String line : read(relative).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = trimmed.substring(1, trimmed.indexOf(']'));
                continue;
            }
            int eq = trimmed.indexOf('=');
            out.computeIfAbsent(section + "." + trimmed.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(trimmed.substring(eq + 1).strip());
        }
        return out;
    }

    /** The flags of a java argument file: '#' starts a comment up to the end of the line. */
    static List<String> jvmOptions(String relative) {
        List<String> flags = new ArrayList<>();
        for (String line : read(relative).split("\n")) {
            int hash = line.indexOf('#');
            String content = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (!content.isEmpty()) {
                flags.addAll(List.of(content.split("\\s+")));
            }
        }
        return flags;
    }

    /** The java of the JVM running the tests (JDK 25, chosen by the build's toolchain). */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
