package dev.ledmatrix.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes that survive a crash or power cut at any moment: the old content or the new, never a torn file.
 * Write to a temporary file in the same directory, force it to disk, rename it over the target, then force
 * the directory so the rename itself is durable.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, null);
    }

    /** As {@link #write(Path, byte[])}, creating the file with only these POSIX permissions (where supported). */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = createTemp(dir, target.getFileName().toString(), permissions);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Deletes the temporary files that writes into {@code dir} left behind when the process died between creating
     * and renaming them (a {@code kill -9} or a power cut; otherwise a write always removes its own). Only the
     * one owner of {@code dir} may call this, before it writes there again.
     *
     * @return the files deleted
     */
    public static List<Path> deleteLeftovers(Path dir) throws IOException {
        return deleteLeftovers(dir, null);
    }

    /** As {@link #deleteLeftovers(Path)}, for the writes of one file only, in a directory others write to too. */
    public static List<Path> deleteLeftoversOf(Path target) throws IOException {
        return deleteLeftovers(target.toAbsolutePath().getParent(), target.getFileName().toString());
    }

    private static List<Path> deleteLeftovers(Path dir, String targetName) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            leftovers = files.filter(f -> {
                Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
                return m.matches() && (targetName == null || targetName.equals(m.group(1)));
            }).filter(Files::isRegularFile).toList();
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
        if (!leftovers.isEmpty()) {
            forceDirectory(dir);
        }
        return leftovers;
    }

    /**
     * Puts a directory prepared under another name in place in one rename, so a crash leaves either no
     * {@code target} or the whole of it, then makes the rename durable. {@code target} must not exist.
     */
    public static void moveDirectoryIntoPlace(Path prepared, Path target) throws IOException {
        forceDirectory(prepared);
        Files.move(prepared, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Moves an unreadable file out of the way under a new name, so it can be inspected and is never silently
     * replaced by defaults.
     *
     * @return where it now is
     */
    public static Path setAside(Path file, Instant now) throws IOException {
        String stamp = DateTimeFormatter.ISO_INSTANT.format(now).replace(':', '-');
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + stamp);
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.toAbsolutePath().getParent());
        return aside;
    }

    /** What {@link #createTemp} names a temporary file: "." + the target's name + "." + digits + ".tmp". */
    private static final Pattern TEMP_NAME = Pattern.compile("\\.(.+)\\.\\d+\\.tmp");

    private static Path createTemp(Path dir, String name, Set<PosixFilePermission> permissions) throws IOException {
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Set<PosixFilePermission> mode = permissions != null ? permissions
                : PosixFilePermissions.fromString("rw-r--r--");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)}
                : new FileAttribute<?>[0];
        return Files.createTempFile(dir, "." + name + ".", ".tmp", attributes);
    }

    /** Makes a rename durable; not every file system lets a directory be opened, which is fine. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: the rename is still atomic, only its durability after a power cut is weaker.
        }
    }
}
