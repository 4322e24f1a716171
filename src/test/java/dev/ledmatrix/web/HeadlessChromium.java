package dev.ledmatrix.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven over the Chrome DevTools Protocol with the JDK's own WebSocket client: navigate,
 * evaluate JavaScript, take screenshots. Enough for the live page's browser test without Selenium or a driver
 * binary. Chromium is found as {@code $LEDMATRIX_CHROMIUM} or {@code chromium}/{@code chromium-browser}/
 * {@code google-chrome} on the PATH.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final Path profile;
    private final Process process;
    private final WebSocket socket;

    /** The Chromium executable, if there is one. */
    static Optional<Path> find() {
        String configured = System.getenv("LEDMATRIX_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                        .map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Whether browser tests should run: where a Chromium is installed, and always under {@code CI=true} (where
     * {@code .ci/run} installs one, so a missing Chromium fails those tests instead of skipping them).
     */
    static boolean installedOrRequired() {
        return find().isPresent() || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The Chromium executable, or a failure that says how to get one. */
    static Path required() {
        return find().orElseThrow(() -> new IllegalStateException("CI=true but no Chromium found: install chromium "
                + "(apt-get install chromium) or set LEDMATRIX_CHROMIUM"));
    }

    HeadlessChromium(Path executable, int width, int height) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("ledmatrix-chromium-");
        // The flags keep a headless Chromium from reaching out to Google's services on a closed network.
        process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI browser = URI.create(readDevToolsAddress());
            URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
            JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(list).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String page = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asString())) {
                    page = target.path("webSocketDebuggerUrl").asString();
                    break;
                }
            }
            if (page == null) {
                throw new IllegalStateException("Chromium opened no page: " + targets);
            }
            socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener())
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Chromium's DevTools could not be reached", e);
        }
    }

    /** Chromium prints its DevTools address on stderr; the rest of stderr is drained so it never blocks. */
    private String readDevToolsAddress() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("chromium-stderr").start(() -> {
            try {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
                address.completeExceptionally(new IOException("Chromium exited: " + process.waitFor()));
            } catch (IOException | InterruptedException e) {
                address.completeExceptionally(e);
            }
        });
        try {
            return address.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("Chromium did not report its DevTools address", e);
        }
    }

    /** Sends one DevTools command and waits for its result. */
    JsonNode call(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = json.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", json.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        socket.sendText(json.writeValueAsString(message), true);
        try {
            JsonNode response = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            calls.remove(id);
        }
    }

    void navigate(URI url) {
        call("Page.navigate", Map.of("url", url.toString()));
        await("document.readyState === 'complete'", Boolean.TRUE::equals, Duration.ofSeconds(30));
    }

    /** The value of a JavaScript expression (promises awaited), as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("JavaScript failed: " + expression + " -> " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Evaluates {@code expression} until its value passes {@code test}; returns that value. */
    JsonNode await(String expression, Predicate<Object> test, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode value = null;
        while (System.nanoTime() < deadline) {
            value = evaluate(expression);
            Object plain = value.isBoolean() ? (Object) value.asBoolean() : value.isNumber() ? (Object) value.asDouble()
                    : value.isString() ? (Object) value.asString() : value;
            if (test.test(plain)) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("In the browser, " + expression + " was still " + value + " after " + timeout);
    }

    void viewport(int width, int height, boolean mobile) {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", mobile));
    }

    /** Back to the window's own size, as a test that called {@link #viewport} found it. */
    void resetViewport() {
        call("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** Presses and releases a key (Tab, Enter, Escape) on whatever has the focus, as a keyboard would. */
    void press(String key) {
        int code = switch (key) {
            case "Tab" -> 9;
            case "Enter" -> 13;
            case "Escape" -> 27;
            default -> throw new IllegalArgumentException("no key code known for " + key);
        };
        for (String type : List.of("rawKeyDown", "keyUp")) {
            call("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", key,
                    "windowsVirtualKeyCode", code, "nativeVirtualKeyCode", code));
        }
        if (key.equals("Enter")) { // a real Enter also types a carriage return, which submits forms
            call("Input.dispatchKeyEvent", Map.of("type", "char", "text", "\r"));
        }
    }

    /** Types text into the focused element as a keyboard would (input events and all). */
    void type(String text) {
        call("Input.insertText", Map.of("text", text));
    }

    void screenshot(Path file) throws IOException {
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asString()));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover profile in the temp directory is harmless
        }
    }

    /** Collects each WebSocket message (it may come in parts) and hands answers to their waiting calls. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode message = json.readTree(text.toString());
                text.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> call = calls.get(message.get("id").asInt());
                    if (call != null) {
                        call.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
