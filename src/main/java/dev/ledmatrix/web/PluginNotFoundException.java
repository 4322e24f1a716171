package dev.ledmatrix.web;

/** Thrown by controllers when the path names a plugin that does not exist; answered with 404. */
class PluginNotFoundException extends RuntimeException {

    private final String pluginId;

    PluginNotFoundException(String pluginId) {
        super("No plugin with id '" + pluginId + "'", null, false, false);
        this.pluginId = pluginId;
    }

    String pluginId() {
        return pluginId;
    }
}
