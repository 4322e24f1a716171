package dev.ledmatrix.web;

import java.util.regex.Pattern;

/** Checks plugin ids from paths and bodies before anything looks them up. */
final class PluginIds {

    static final String PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private PluginIds() {
    }

    static String require(String field, String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new InvalidRequestException(field,
                    "must match " + PATTERN + " (lower-case letters, digits and '-', at most 63), got '" + id + "'");
        }
        return id;
    }
}
