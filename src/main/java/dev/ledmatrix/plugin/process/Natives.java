package dev.ledmatrix.plugin.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The few libc calls Java has no API for, through FFM: signalling a whole process group, becoming a child
 * subreaper and reaping children the JDK did not start (orphans adopted as subreaper). Each is optional: on a
 * libc without the symbol the caller falls back and says so.
 */
final class Natives {

    static final int SIGTERM = 15;
    static final int SIGKILL = 9;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int WNOHANG = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle KILL = handle("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSID = handle("getsid", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle WAITPID = handle("waitpid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    // int prctl(int option, ...): the unsigned long arguments are variadic.
    private static final MethodHandle PRCTL = handle("prctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1));

    private Natives() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        try {
            Optional<MemorySegment> symbol = LINKER.defaultLookup().find(name);
            return symbol.map(s -> LINKER.downcallHandle(s, descriptor, options)).orElse(null);
        } catch (RuntimeException | LinkageError e) {
            return null; // no FFM access or not a POSIX libc: callers use their fallbacks
        }
    }

    static boolean available() {
        return KILL != null;
    }

    /** kill(2); a negative pid signals the process group. @return true if the signal was sent */
    static boolean kill(long pid, int signal) {
        if (KILL == null) {
            return false;
        }
        try {
            return (int) KILL.invokeExact((int) pid, signal) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** Makes this process the reaper of orphaned descendants (Linux 3.4+), or stops it being that. */
    static boolean subreaper(boolean on) {
        if (PRCTL == null) {
            return false;
        }
        try {
            return (int) PRCTL.invokeExact(PR_SET_CHILD_SUBREAPER, on ? 1L : 0L, 0L, 0L, 0L) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** The session id of {@code pid} (0 = this process), or -1. */
    static long sessionOf(long pid) {
        if (GETSID == null) {
            return -1;
        }
        try {
            return (int) GETSID.invokeExact((int) pid);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** Reaps {@code pid} if it has exited, without waiting. @return true if it was reaped */
    static boolean reap(long pid) {
        if (WAITPID == null) {
            return false;
        }
        try {
            return (int) WAITPID.invokeExact((int) pid, MemorySegment.NULL, WNOHANG) == (int) pid;
        } catch (Throwable e) {
            return false;
        }
    }
}
