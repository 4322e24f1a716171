package dev.ledmatrix.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which parts of a plugin config are secret, and how they are shown without the token. A field is secret when its
 * schema says {@code "x-secret": true} (on a property, on {@code additionalProperties} for every value of a map
 * such as http-json's {@code headers}, or on {@code items}); every value under it is shown as {@value #MASK}. Any
 * http(s) URL in a config, secret field or not, keeps its scheme, host and path but has its password and its query
 * values masked in place: {@code http://user:••••••@host/path?apikey=••••••}.
 *
 * <p>Free text (error messages, log lines) is scrubbed of every secret value of the config and of URL credentials
 * and query values. Secret values shorter than {@value #MIN_SCRUB_LENGTH} characters are not scrubbed from free
 * text, as they would match ordinary words and digits; they are still masked in the config itself.
 */
public final class SecretMasker {

    /** What a secret looks like to a reader without the token. */
    public static final String MASK = "••••••";
    static final int MIN_SCRUB_LENGTH = 4;

    /** scheme://[userinfo@]authority[path][?query][#fragment] */
    private static final Pattern URL = Pattern.compile(
            "(?i)^(https?://)(?:([^/?#@\\s]*)@)?([^/?#\\s]*)([^?#\\s]*)(?:\\?([^#\\s]*))?(#\\S*)?$");
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)https?://[^\\s\"'<>`]+");

    private SecretMasker() {
    }

    // --- configs --------------------------------------------------------------------------------

    /** A copy of {@code config} with every secret masked. */
    public static JsonNode maskConfig(JsonNode schema, JsonNode config) {
        if (config == null) {
            return null;
        }
        return mask(schema, config, false);
    }

    private static JsonNode mask(JsonNode schema, JsonNode value, boolean secret) {
        boolean isSecret = secret || isSecret(schema);
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                out.set(field.getKey(), mask(propertySchema(schema, field.getKey()), field.getValue(), isSecret));
            }
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : value) {
                out.add(mask(itemSchema(schema), item, isSecret));
            }
            return out;
        }
        if (value.isNull()) {
            return value;
        }
        if (isSecret) {
            return JsonNodeFactory.instance.stringNode(MASK);
        }
        if (value.isString()) {
            String masked = maskUrl(value.asString());
            return masked.equals(value.asString()) ? value : JsonNodeFactory.instance.stringNode(masked);
        }
        return value;
    }

    /** Every secret value in {@code config} (whole secret fields, URL passwords and query values), longest first. */
    public static List<String> secretValues(JsonNode schema, JsonNode config) {
        Set<String> found = new LinkedHashSet<>();
        if (config != null) {
            collect(schema, config, false, found);
        }
        List<String> values = new ArrayList<>(found);
        values.removeIf(v -> v.length() < MIN_SCRUB_LENGTH || v.equals(MASK));
        values.sort(Comparator.comparingInt(String::length).reversed());
        return values;
    }

    private static void collect(JsonNode schema, JsonNode value, boolean secret, Set<String> found) {
        boolean isSecret = secret || isSecret(schema);
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                collect(propertySchema(schema, field.getKey()), field.getValue(), isSecret, found);
            }
        } else if (value.isArray()) {
            for (JsonNode item : value) {
                collect(itemSchema(schema), item, isSecret, found);
            }
        } else if (!value.isNull()) {
            String text = value.isString() ? value.asString() : value.toString();
            if (isSecret) {
                found.add(text);
            }
            urlSecrets(text, found);
        }
    }

    /**
     * {@code incoming} with every mask replaced by the stored value at the same place: a secret field sent back
     * as {@value #MASK}, or a URL whose password or query value is {@value #MASK}, keeps what {@code stored} has
     * there. Masks with nothing stored behind them are listed in {@code unresolved} (as config paths).
     */
    public static JsonNode restore(JsonNode incoming, JsonNode stored, List<String> unresolved) {
        return restore(incoming, stored, "config", unresolved);
    }

    private static JsonNode restore(JsonNode incoming, JsonNode stored, String path, List<String> unresolved) {
        if (incoming.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : incoming.properties()) {
                JsonNode before = stored != null && stored.isObject() ? stored.get(field.getKey()) : null;
                out.set(field.getKey(), restore(field.getValue(), before, path + "." + field.getKey(), unresolved));
            }
            return out;
        }
        if (incoming.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < incoming.size(); i++) {
                JsonNode before = stored != null && stored.isArray() ? stored.get(i) : null;
                out.add(restore(incoming.get(i), before, path + "[" + i + "]", unresolved));
            }
            return out;
        }
        if (!incoming.isString() || !incoming.asString().contains(MASK)) {
            return incoming;
        }
        String text = incoming.asString();
        if (text.equals(MASK)) {
            if (stored == null || stored.isNull() || stored.isContainer()) {
                unresolved.add(path);
                return incoming;
            }
            return stored;
        }
        String restored = restoreUrl(text, stored != null && stored.isString() ? stored.asString() : null);
        if (restored == null) {
            unresolved.add(path);
            return incoming;
        }
        return JsonNodeFactory.instance.stringNode(restored);
    }

    private static boolean isSecret(JsonNode schema) {
        return schema != null && schema.path("x-secret").asBoolean(false);
    }

    private static JsonNode propertySchema(JsonNode schema, String name) {
        if (schema == null || !schema.isObject()) {
            return null;
        }
        JsonNode property = schema.path("properties").get(name);
        if (property != null) {
            return property;
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    private static JsonNode itemSchema(JsonNode schema) {
        JsonNode items = schema == null ? null : schema.get("items");
        return items != null && items.isObject() ? items : null;
    }

    // --- URLs ------------------------------------------------------------------------------------

    private record Url(String scheme, String user, String password, boolean hasUserInfo, String authority,
            String path, List<Map.Entry<String, String>> query, String fragment) {

        static Url parse(String text) {
            Matcher m = URL.matcher(text);
            if (!m.matches()) {
                return null;
            }
            String userInfo = m.group(2);
            String user = null;
            String password = null;
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = colon < 0 ? userInfo : userInfo.substring(0, colon);
                password = colon < 0 ? null : userInfo.substring(colon + 1);
            }
            List<Map.Entry<String, String>> query = null;
            if (m.group(5) != null) {
                query = new ArrayList<>();
                for (String part : m.group(5).split("&", -1)) {
                    int eq = part.indexOf('=');
                    query.add(eq < 0 ? new java.util.AbstractMap.SimpleEntry<>(part, null)
                            : new java.util.AbstractMap.SimpleEntry<>(part.substring(0, eq), part.substring(eq + 1)));
                }
            }
            return new Url(m.group(1), user, password, userInfo != null, m.group(3), m.group(4), query,
                    m.group(6));
        }

        String format() {
            StringBuilder out = new StringBuilder(scheme);
            if (hasUserInfo) {
                out.append(user);
                if (password != null) {
                    out.append(':').append(password);
                }
                out.append('@');
            }
            out.append(authority).append(path);
            if (query != null) {
                out.append('?');
                for (int i = 0; i < query.size(); i++) {
                    if (i > 0) {
                        out.append('&');
                    }
                    out.append(query.get(i).getKey());
                    if (query.get(i).getValue() != null) {
                        out.append('=').append(query.get(i).getValue());
                    }
                }
            }
            if (fragment != null) {
                out.append(fragment);
            }
            return out.toString();
        }

        Url masked() {
            String maskedUser = user;
            String maskedPassword = password;
            if (hasUserInfo) {
                if (password != null) {
                    maskedPassword = password.isEmpty() ? password : MASK;
                } else if (!user.isEmpty()) {
                    maskedUser = MASK; // a lone user name in a URL is usually a token
                }
            }
            List<Map.Entry<String, String>> maskedQuery = null;
            if (query != null) {
                maskedQuery = new ArrayList<>();
                for (Map.Entry<String, String> p : query) {
                    maskedQuery.add(p.getValue() == null
                            ? new java.util.AbstractMap.SimpleEntry<>(p.getKey().isEmpty() ? "" : MASK, null)
                            : new java.util.AbstractMap.SimpleEntry<>(p.getKey(), p.getValue().isEmpty() ? "" : MASK));
                }
            }
            return new Url(scheme, maskedUser, maskedPassword, hasUserInfo, authority, path, maskedQuery, fragment);
        }
    }

    /** {@code text} with its password and query values masked if it is an http(s) URL; otherwise unchanged. */
    public static String maskUrl(String text) {
        Url url = text == null ? null : Url.parse(text);
        return url == null ? text : url.masked().format();
    }

    private static void urlSecrets(String text, Set<String> found) {
        Url url = Url.parse(text);
        if (url == null) {
            return;
        }
        if (url.password() != null && !url.password().isEmpty()) {
            found.add(url.password());
        } else if (url.hasUserInfo() && !url.user().isEmpty()) {
            found.add(url.user());
        }
        if (url.query() != null) {
            for (Map.Entry<String, String> p : url.query()) {
                if (p.getValue() != null && !p.getValue().isEmpty()) {
                    found.add(p.getValue());
                } else if (p.getValue() == null && !p.getKey().isEmpty()) {
                    found.add(p.getKey());
                }
            }
        }
    }

    /** A URL sent back with masks, its masked parts taken from {@code stored}; null if one has nothing stored. */
    private static String restoreUrl(String incoming, String stored) {
        Url in = Url.parse(incoming);
        Url before = stored == null ? null : Url.parse(stored);
        if (in == null || before == null) {
            return null;
        }
        String user = in.user();
        String password = in.password();
        if (MASK.equals(password)) {
            if (before.password() == null) {
                return null;
            }
            password = before.password();
        }
        if (MASK.equals(user)) {
            if (!before.hasUserInfo()) {
                return null;
            }
            user = before.user();
        }
        List<Map.Entry<String, String>> query = null;
        if (in.query() != null) {
            query = new ArrayList<>();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (Map.Entry<String, String> p : in.query()) {
                int occurrence = seen.merge(p.getKey(), 1, Integer::sum) - 1;
                String value = p.getValue();
                String key = p.getKey();
                if (MASK.equals(value) || (value == null && MASK.equals(key))) {
                    String old = nth(before.query(), key, occurrence, value == null);
                    if (old == null) {
                        return null;
                    }
                    if (value == null) {
                        key = old;
                    } else {
                        value = old;
                    }
                }
                query.add(new java.util.AbstractMap.SimpleEntry<>(key, value));
            }
        }
        String result = new Url(in.scheme(), user, password, in.hasUserInfo(), in.authority(), in.path(), query,
                in.fragment()).format();
        return result.contains(MASK) ? null : result;
    }

    private static String nth(List<Map.Entry<String, String>> query, String key, int occurrence, boolean bareKey) {
        if (query == null) {
            return null;
        }
        int n = 0;
        for (Map.Entry<String, String> p : query) {
            boolean match = bareKey ? p.getValue() == null : p.getKey().equals(key);
            if (match && n++ == occurrence) {
                return bareKey ? p.getKey() : p.getValue();
            }
        }
        return null;
    }

    // --- free text -------------------------------------------------------------------------------

    /** {@code text} with each of {@code secrets} and every URL's credentials and query values masked. */
    public static String maskText(String text, List<String> secrets) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        Matcher m = URL_IN_TEXT.matcher(out);
        StringBuilder masked = new StringBuilder();
        while (m.find()) {
            String url = m.group();
            // Trailing punctuation belongs to the sentence, not the URL.
            String tail = "";
            while (!url.isEmpty() && ".,;:)]}".indexOf(url.charAt(url.length() - 1)) >= 0) {
                tail = url.charAt(url.length() - 1) + tail;
                url = url.substring(0, url.length() - 1);
            }
            m.appendReplacement(masked, Matcher.quoteReplacement(maskUrl(url) + tail));
        }
        m.appendTail(masked);
        return masked.toString();
    }
}
