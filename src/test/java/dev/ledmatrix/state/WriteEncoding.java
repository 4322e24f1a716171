package dev.ledmatrix.state;

import static dev.ledmatrix.state.PluginState.*;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the concurrency test's writers label what they write, and the checks readers apply to what
 * they see. Each kind of write leaves a recognisable mark, so a reader can tell from a snapshot alone
 * which call produced it and whether the state and the error info came from the same call:
 *
 * <ul>
 *   <li>{@code setStateWithError} writes LOADED or DISABLED (chosen by the parity of its number n) with
 *       error info {@code "w<writer>-<n>"}, type {@code Recoverable}, consecutiveFailures n;</li>
 *   <li>{@code setState(ERROR, ex)} writes a {@link WriterFailure} {@code "x<writer>-<n>"};</li>
 *   <li>{@code setState} and {@code compareAndSetState} only ever move to ENABLED or RUNNING.</li>
 * </ul>
 *
 * <p>So a correct manager can only ever show: ENABLED/RUNNING with no error info, LOADED/DISABLED with a
 * {@code w} info whose n has the same parity, ERROR with an {@code x} info, UNLOADED with nothing.
 */
final class WriteEncoding {

    static final String RECOVERABLE = "Recoverable";
    private static final Pattern RECOVERABLE_MESSAGE = Pattern.compile("w(\\d+)-(\\d+)");
    private static final Pattern FAILURE_MESSAGE = Pattern.compile("x(\\d+)-(\\d+)");

    private WriteEncoding() {
    }

    /** The exception writers pass to setState(ERROR, ex); its simple name becomes the errorType. */
    static final class WriterFailure extends RuntimeException {
        WriterFailure(String message) {
            super(message, null, false, false);
        }
    }

    static PluginState recoverableState(int n) {
        return n % 2 == 0 ? LOADED : DISABLED;
    }

    static ErrorInfo recoverableInfo(int writer, int n) {
        return new ErrorInfo("w" + writer + "-" + n, RECOVERABLE, Instant.EPOCH, true, n, null);
    }

    static WriterFailure failure(int writer, int n) {
        return new WriterFailure("x" + writer + "-" + n);
    }

    /** Why this snapshot could not have been written by one call of the encoded writers, or null. */
    static String snapshotViolation(StateInfo s) {
        PluginState state = s.state();
        if (s.loaded() != state.isLoaded() || s.enabled() != (state == ENABLED) || s.running() != (state == RUNNING)
                || s.error() != (state == ERROR) || s.canExecute() != state.canExecute()) {
            return "flags disagree with the state: " + s;
        }
        ErrorInfo e = s.errorInfo();
        return switch (state) {
            case UNLOADED -> e == null && s.stateHistoryCount() == 0 ? null : "UNLOADED but not empty: " + s;
            case ENABLED, RUNNING -> e == null ? null
                    : state + " (written only by setState/compareAndSet) carries error info " + e.error();
            case LOADED, DISABLED -> recoverableViolation(state, e);
            case ERROR -> isFailureInfo(e) ? null : "ERROR without the error info of its exception: " + e;
        };
    }

    private static String recoverableViolation(PluginState state, ErrorInfo e) {
        if (e == null) {
            return state + " without the error info written with it";
        }
        Matcher m = RECOVERABLE_MESSAGE.matcher(e.error());
        if (!m.matches() || !RECOVERABLE.equals(e.errorType())) {
            return state + " carries error info not written by setStateWithError: " + e;
        }
        int n = Integer.parseInt(m.group(2));
        if (e.consecutiveFailures() == null || e.consecutiveFailures() != n) {
            return "error info torn inside itself: " + e;
        }
        return recoverableState(n) == state ? null
                : state + " carries " + e.error() + ", which was written with " + recoverableState(n);
    }

    private static boolean isFailureInfo(ErrorInfo e) {
        return e != null && WriterFailure.class.getSimpleName().equals(e.errorType())
                && FAILURE_MESSAGE.matcher(e.error()).matches() && e.recoverable() == null;
    }

    /** What getErrorInfo may return on its own: nothing, or one of the two encoded kinds. */
    static String errorInfoViolation(ErrorInfo e) {
        if (e == null || isFailureInfo(e)) {
            return null;
        }
        return RECOVERABLE_MESSAGE.matcher(e.error()).matches() && RECOVERABLE.equals(e.errorType()) ? null
                : "unrecognisable error info: " + e;
    }

    /**
     * History newest first: bounded, seq strictly decreasing (so no duplicates), each entry starting where
     * the older one ended, and each entry's message matching the kind of call that makes that target state.
     */
    static String historyViolation(List<StateTransition> newestFirst, int maxEntries) {
        if (newestFirst.size() > maxEntries) {
            return "history holds " + newestFirst.size() + " entries, bound is " + maxEntries;
        }
        for (int i = 0; i < newestFirst.size(); i++) {
            StateTransition t = newestFirst.get(i);
            if (i > 0) {
                StateTransition newer = newestFirst.get(i - 1);
                if (t.seq() >= newer.seq()) {
                    return "seq not strictly decreasing newest first: " + newer.seq() + " then " + t.seq();
                }
                if (t.to() != newer.from()) {
                    return "history chain broken: " + t + " then " + newer;
                }
            }
            String message = t.error();
            boolean ok = switch (t.to()) {
                case ENABLED, RUNNING -> message == null;
                case ERROR -> message != null && FAILURE_MESSAGE.matcher(message).matches();
                case LOADED, DISABLED -> message == null || RECOVERABLE_MESSAGE.matcher(message).matches()
                        && recoverableState(Integer.parseInt(message.substring(message.indexOf('-') + 1))) == t.to();
                case UNLOADED -> false;
            };
            if (!ok) {
                return "transition with a message its call could not have written: " + t;
            }
        }
        return null;
    }
}
