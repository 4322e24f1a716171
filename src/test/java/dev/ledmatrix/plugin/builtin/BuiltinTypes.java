package dev.ledmatrix.plugin.builtin;

import java.util.List;

import dev.ledmatrix.plugin.spi.PluginType;

/** The built-in types without Spring, for tests of other packages. */
public final class BuiltinTypes {

    private BuiltinTypes() {
    }

    public static PluginType clock() {
        return new ClockType();
    }

    public static PluginType text() {
        return new TextType();
    }

    public static PluginType httpJson() {
        return new HttpJsonType();
    }

    public static List<PluginType> all() {
        return List.of(clock(), text(), httpJson());
    }
}
