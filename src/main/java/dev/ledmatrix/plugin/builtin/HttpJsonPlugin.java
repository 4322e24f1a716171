package dev.ledmatrix.plugin.builtin;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.graphics.Color;
import dev.ledmatrix.graphics.Font;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginConfig;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One http-json instance: its HTTP client, its request, and the last value fetched. */
final class HttpJsonPlugin implements Plugin {

    /** A body larger than this is not a value for an LED panel; reading stops there, so memory stays bounded. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /**
     * The request's own timeout runs this much past the update timeout: the scheduler's interruption cancels the
     * request first, so a slow answer is reported as a Timeout, and this is only a safety net.
     */
    static final Duration REQUEST_TIMEOUT_MARGIN = Duration.ofSeconds(1);

    private final URI url;
    private final JsonPointer pointer;
    private final String label;
    private final String format;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Color color;
    private final Color labelColor;
    private final HttpClient client;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile String shown = "…";

    HttpJsonPlugin(PluginConfig config) {
        this.url = parseUrl(config.string("url", ""));
        String pointerText = config.string("pointer", "");
        try {
            this.pointer = JsonPointer.compile(pointerText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pointer '" + pointerText + "' is not a JSON Pointer: " + e.getMessage());
        }
        this.label = config.string("label", "");
        this.format = config.string("format", "{value}");
        JsonNode headerNode = config.json().get("headers");
        if (headerNode != null) {
            headerNode.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        }
        checkHeaders(url, headers);
        this.color = Color.parse(config.string("color", "#00ff80"));
        this.labelColor = Color.parse(config.string("labelColor", "#a0a0a0"));
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public void update(UpdateContext context) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url, headers).timeout(context.timeout().plus(REQUEST_TIMEOUT_MARGIN));
        HttpResponse<byte[]> response;
        try {
            // send() cancels the request and closes its connection when the scheduler interrupts this thread.
            response = client.send(request.build(),
                    HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_BODY_BYTES));
        } catch (HttpTimeoutException e) {
            throw new IOException("GET " + url + " timed out after " + context.timeout().plus(REQUEST_TIMEOUT_MARGIN)
                    .toMillis() + " ms", e);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("exceeds capacity")) {
                throw new IOException("GET " + url + " answered more than " + MAX_BODY_BYTES
                        + " bytes, the most an http-json plugin reads; point it at a smaller resource", e);
            }
            throw new IOException("GET " + url + " failed: " + describe(e), e);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode() + snippet(response.body()));
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new IOException("GET " + url + " did not answer JSON" + snippet(response.body()));
        }
        JsonNode value = body.at(pointer);
        if (value.isMissingNode()) {
            throw new IOException("JSON Pointer '" + pointer + "' matches nothing in the answer of " + url
                    + snippet(response.body()));
        }
        String text = value.isValueNode() ? value.asString() : value.toString();
        shown = format.replace("{value}", text);
    }

    @Override
    public void render(Canvas canvas, RenderContext context) {
        String value = shown;
        int y = Font.SMALL.bitmap().baseline() + 1;
        if (!label.isEmpty()) {
            canvas.drawText(Font.SMALL, 1, y, labelColor, label);
            y += Font.MEDIUM.bitmap().height() + 2;
        } else {
            y = (canvas.height() + Font.MEDIUM.bitmap().baseline()) / 2;
        }
        int width = Font.MEDIUM.bitmap().textWidth(value);
        if (width <= canvas.width()) {
            canvas.drawText(Font.MEDIUM, (canvas.width() - width) / 2, y, color, value);
        } else {
            long millis = Duration.between(context.shownSince(), context.now()).toMillis();
            int offset = (int) Math.floorMod(millis * 30 / 1000, (long) canvas.width() + width);
            canvas.drawText(Font.MEDIUM, canvas.width() - offset, y, color, value);
        }
    }

    @Override
    public void close() {
        client.shutdownNow(); // never wait for a request that hangs
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text);
            HttpRequest.newBuilder(uri); // checks scheme and host as the client will
            return uri;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("url '" + text + "' is not a usable http or https URL: "
                    + e.getMessage());
        }
    }

    private static HttpRequest.Builder request(URI url, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", "application/json").GET();
        headers.forEach(request::header);
        return request;
    }

    /** A header the HTTP client refuses (Host, Connection, ...) is a config error, not a failure on every update. */
    private static void checkHeaders(URI url, Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            try {
                HttpRequest.newBuilder(url).header(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("header '" + header.getKey() + "' cannot be sent: "
                        + e.getMessage() + " (the HTTP client sets Host, Connection, Content-Length and the like "
                        + "itself; header values must not contain line breaks)");
            }
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused or unreachable" + (message == null ? "" : " (" + message + ")");
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 80), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return ": " + text + (body.length > 80 ? "…" : "");
    }
}
