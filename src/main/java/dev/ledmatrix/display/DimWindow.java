package dev.ledmatrix.display;

import java.util.ArrayList;
import java.util.List;

import dev.ledmatrix.plugin.ConfigViolation;
import dev.ledmatrix.plugin.TimeWindow;

/**
 * A time window with its brightness: {@code {"days":[...],"from":"21:00","to":"07:00","brightness":20}}.
 *
 * @param days       as in {@link TimeWindow}
 * @param from       as in {@link TimeWindow}
 * @param to         as in {@link TimeWindow}
 * @param brightness the brightness during the window, 1-100 (absolute, not a share of the manual brightness)
 */
public record DimWindow(List<String> days, String from, String to, Integer brightness) {

    public TimeWindow window() {
        return new TimeWindow(days, from, to);
    }

    List<ConfigViolation> violations(String path) {
        List<ConfigViolation> errors = new ArrayList<>(window().violations(path));
        if (brightness == null) {
            errors.add(new ConfigViolation(path + ".brightness", "is required (1-100)"));
        } else if (brightness < 1 || brightness > 100) {
            errors.add(new ConfigViolation(path + ".brightness", "must be between 1 and 100, got " + brightness));
        }
        return errors;
    }
}
