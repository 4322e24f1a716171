package dev.ledmatrix.web;

import java.util.Locale;
import java.util.stream.Stream;

/**
 * The cells of {@link PluginLifecycleApiTest}: each lifecycle action in each state an instance can be in when a
 * user sends it, and what must come back.
 */
final class LifecycleMatrix {

    private LifecycleMatrix() {
    }

    enum From {
        ENABLED, RUNNING, DISABLED, ERROR;

        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One cell of the matrix.
     *
     * @param fixFirst     for {@code error}: remove the cause (creation failing) before the action
     * @param repeatIsNoop sending the action again answers the same status with changed=false
     */
    record Case(String action, From from, boolean fixFirst, int status, Boolean changed, String after,
            boolean repeatIsNoop) {

        @Override
        public String toString() {
            return action + " in " + from.json() + (fixFirst ? " (cause fixed)" : "") + " -> " + status
                    + (after == null ? "" : " " + after);
        }
    }

    static Case c(String action, From from, int status, Boolean changed, String after, boolean repeatIsNoop) {
        return new Case(action, from, false, status, changed, after, repeatIsNoop);
    }

    static Case fixed(String action, int status, Boolean changed, String after, boolean repeatIsNoop) {
        return new Case(action, From.ERROR, true, status, changed, after, repeatIsNoop);
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("enable", From.ENABLED, 200, false, "enabled", true),
                c("enable", From.RUNNING, 200, false, "running", true),
                c("enable", From.DISABLED, 200, true, "enabled", true),
                c("enable", From.ERROR, 409, null, "error", true),

                c("disable", From.ENABLED, 200, true, "disabled", true),
                c("disable", From.RUNNING, 200, true, "disabled", true),
                c("disable", From.DISABLED, 200, false, "disabled", true),
                c("disable", From.ERROR, 200, true, "disabled", true),

                c("update", From.ENABLED, 202, true, "running", true),
                c("update", From.RUNNING, 202, false, "running", true),
                c("update", From.DISABLED, 409, null, "disabled", true),
                c("update", From.ERROR, 409, null, "error", true),

                c("reset", From.ENABLED, 200, false, "enabled", true),
                c("reset", From.RUNNING, 200, false, "running", true),
                c("reset", From.DISABLED, 200, false, "disabled", true),
                c("reset", From.ERROR, 200, true, "error", false),
                fixed("reset", 200, true, "enabled", true),

                c("reload", From.ENABLED, 200, true, "enabled", false),
                c("reload", From.RUNNING, 200, true, "enabled", false),
                c("reload", From.DISABLED, 200, true, "disabled", false),
                c("reload", From.ERROR, 200, true, "error", false),
                fixed("reload", 200, true, "enabled", false),

                c("config", From.ENABLED, 200, null, "enabled", false),
                c("config", From.RUNNING, 200, null, "enabled", false),
                c("config", From.DISABLED, 200, null, "disabled", false),
                c("config", From.ERROR, 200, null, "error", false),
                fixed("config", 200, null, "enabled", false),

                c("delete", From.ENABLED, 204, null, null, false),
                c("delete", From.RUNNING, 204, null, null, false),
                c("delete", From.DISABLED, 204, null, null, false),
                c("delete", From.ERROR, 204, null, null, false));
    }
}
