package dev.ledmatrix.plugin.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import dev.ledmatrix.plugin.spi.PluginDescriptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A process plugin type as its {@code plugin.json} declares it. Parsing never throws anything but
 * {@link Invalid}, whose message names the field and what is wrong, for the list of failed plugins.
 *
 * @param directory the plugin's folder; the command runs there
 * @param command   argv; a first element with a slash is a path inside the folder, otherwise found on the PATH
 */
record Manifest(Path directory, PluginDescriptor descriptor, List<String> command) {

    static final String FILE = "plugin.json";
    private static final long MAX_BYTES = 256 * 1024;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Set<String> FIELDS = Set.of("id", "name", "version", "description", "command",
            "configSchema", "updateInterval", "displayDuration");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** What is wrong with a manifest. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static Manifest read(Path directory, JsonMapper json) throws Invalid {
        Path file = directory.resolve(FILE);
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new Invalid(FILE + " is larger than " + MAX_BYTES / 1024 + " KiB");
            }
            root = json.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new Invalid("cannot read " + FILE + ": " + e.getMessage());
        } catch (JacksonException e) {
            String message = e.getOriginalMessage();
            int cut = message.indexOf(" (");
            throw new Invalid(FILE + " is not valid JSON" + (e.getLocation() == null ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")") + ": "
                    + (cut > 0 ? message.substring(0, cut) : message));
        }
        if (root == null || !root.isObject()) {
            throw new Invalid(FILE + " must be a JSON object");
        }
        for (Iterator<String> names = root.propertyNames().iterator(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new Invalid("unknown field '" + name + "'; the fields are " + FIELDS.stream().sorted().toList());
            }
        }
        String id = text(root, "id", true);
        if (!ID.matcher(id).matches()) {
            throw new Invalid("id must match " + ID + ", got '" + id + "'");
        }
        String folder = directory.getFileName().toString();
        if (!id.equals(folder)) {
            throw new Invalid("id '" + id + "' must equal the folder name '" + folder + "'");
        }
        String name = text(root, "name", true);
        String version = text(root, "version", true);
        String description = text(root, "description", false);
        List<String> command = command(root.get("command"), directory);
        JsonNode schema = root.get("configSchema");
        String schemaText = null;
        if (schema != null) {
            if (!schema.isObject()) {
                throw new Invalid("configSchema must be a JSON Schema object");
            }
            try {
                SCHEMAS.getSchema(schema).validate(json.createObjectNode());
            } catch (RuntimeException e) {
                throw new Invalid("configSchema is not a usable JSON Schema: " + e.getMessage());
            }
            schemaText = schema.toString();
        }
        Duration interval = seconds(root, "updateInterval");
        Duration display = seconds(root, "displayDuration");
        return new Manifest(directory, new PluginDescriptor(id, name, version, description,
                interval == null ? Duration.ofMinutes(1) : interval, display, schemaText), command);
    }

    private static String text(JsonNode root, String field, boolean required) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new Invalid("missing field '" + field + "'");
            }
            return null;
        }
        if (!node.isString() || (required && node.asString().isBlank())) {
            throw new Invalid("'" + field + "' must be a non-empty string");
        }
        return node.asString();
    }

    private static Duration seconds(JsonNode root, String field) throws Invalid {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.doubleValue() <= 0 || node.doubleValue() > 86_400 * 7) {
            throw new Invalid("'" + field + "' must be a number of seconds above 0 (at most a week)");
        }
        return Duration.ofMillis(Math.round(node.doubleValue() * 1000));
    }

    private static List<String> command(JsonNode node, Path directory) throws Invalid {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Invalid("'command' must be a non-empty array of strings, e.g. [\"python3\", \"main.py\"]");
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode part : node) {
            if (!part.isString() || part.asString().isEmpty() || part.asString().indexOf('\0') >= 0) {
                throw new Invalid("'command' must be a non-empty array of non-empty strings");
            }
            argv.add(part.asString());
        }
        String program = argv.getFirst();
        if (program.contains("/")) {
            Path resolved = directory.resolve(program).normalize();
            if (!resolved.startsWith(directory.normalize())) {
                throw new Invalid("command '" + program + "' points outside the plugin's folder");
            }
            if (!Files.isRegularFile(resolved)) {
                throw new Invalid("command '" + program + "' does not exist in the plugin's folder");
            }
            if (!Files.isExecutable(resolved)) {
                throw new Invalid("command '" + program + "' is not executable (chmod +x)");
            }
            argv.set(0, resolved.toAbsolutePath().toString());
        }
        return List.copyOf(argv);
    }
}
