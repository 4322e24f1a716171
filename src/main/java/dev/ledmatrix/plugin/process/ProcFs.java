package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads what the supervisor needs from Linux's /proc; elsewhere every answer is "nothing". */
final class ProcFs {

    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /**
     * From /proc/[pid]/stat.
     *
     * @param parent  the parent's pid
     * @param session the session id
     * @param zombie  exited but not yet reaped
     */
    record Stat(long parent, long session, boolean zombie) {
    }

    static boolean exists(long pid) {
        return Files.exists(PROC.resolve(Long.toString(pid)));
    }

    static Stat stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.US_ASCII);
            // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so split after the last ')'.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return new Stat(Long.parseLong(fields[1]), Long.parseLong(fields[3]), "Z".equals(fields[0]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Direct children of {@code pid}, from the children lists of all its threads. */
    static List<Long> childrenOf(long pid) {
        List<Long> children = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC.resolve(pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    for (String child : Files.readString(task.resolve("children")).trim().split("\\s+")) {
                        if (!child.isEmpty()) {
                            children.add(Long.parseLong(child));
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // the thread ended meanwhile, or the kernel has no children lists
                }
            }
        } catch (IOException e) {
            return children;
        }
        return children;
    }

    /** Processes whose environment holds {@code entry} (e.g. {@code NAME=value}) as a whole entry. */
    static List<Long> pidsWithEnvironment(byte[] entry) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path dir : all) {
                try {
                    if (containsEntry(Files.readAllBytes(dir.resolve("environ")), entry)) {
                        found.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException | SecurityException e) {
                    // gone, or not ours to read
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    static boolean containsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
