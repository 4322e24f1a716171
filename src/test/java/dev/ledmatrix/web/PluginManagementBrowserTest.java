package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * Running the display from the page alone, in a real Chromium at a phone's 360 px and a desktop's 1280 px: add an
 * http-json instance through the generated form (a schema violation shows next to its field, then is fixed),
 * watch it appear, update and show a value served on loopback, edit the message text and see it on the live
 * display, and delete an instance after a confirmation. Screenshots go to target/browser/.
 */
@EnabledIf(value = "dev.ledmatrix.web.LivePageBrowserTest#chromiumInstalled",
        disabledReason = "no Chromium on this machine (apt-get install chromium, or set LEDMATRIX_CHROMIUM)")
@ExtendWith(SharedChromium.class)
class PluginManagementBrowserTest extends LiveApp {

    static final Duration WAIT = PagePlugins.WAIT;
    static final Path SHOTS = LivePageBrowserTest.SHOTS;

    static HttpServer jsonService;
    static final AtomicReference<String> served = new AtomicReference<>();

    HeadlessChromium browser;
    PagePlugins page;

    /** A home service answering JSON on loopback, whose answer the test changes. */
    @BeforeAll
    static void startJsonService() throws IOException {
        jsonService = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jsonService.createContext("/weather.json", exchange -> {
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        jsonService.start();
    }

    @AfterAll
    static void stopJsonService() {
        jsonService.stop(0);
    }

    @BeforeEach
    void openPage(HeadlessChromium shared) {
        browser = shared;
        page = new PagePlugins(browser, uri("/"));
    }

    @AfterEach
    void unpin() {
        send("DELETE", "/api/v1/display/pin", null);
    }

    private String weatherUrl() {
        return "http://127.0.0.1:" + jsonService.getAddress().getPort() + "/weather.json";
    }

    /**
     * Waits until the page's display shows exactly the service's frame, something is lit, it differs from
     * {@code previous} (may be null) and it holds still (the same at two polls: not a scrolling text); returns it.
     */
    private String displayShowsTheServicesFrame(String previous) {
        AtomicReference<String> last = new AtomicReference<>("");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            String service = page.ledsOfService();
            String onPage = page.ledsOnPage();
            boolean still = service.equals(last.getAndSet(service));
            return still && PagePlugins.lit(service) > 10 && service.equals(onPage) && !service.equals(previous);
        });
        return last.get();
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {360, 1280})
    void addAnHttpJsonValueFixItsUrlWatchItUpdateAndDeleteIt(int width) throws Exception {
        String id = "outside-" + width;
        served.set("{\"main\":{\"temp\":21.5}}");
        page.open(width, TOKEN);
        try {
            // Keyboard: Enter on "Add plugin" opens the dialog with the focus inside it.
            page.focus("#add-plugin");
            browser.press("Enter");
            browser.await("document.getElementById('plugin-dialog').open", Boolean.TRUE::equals, WAIT);
            assertThat(browser.evaluate("document.activeElement.id").asString()).isEqualTo("plugin-type");
            page.chooseType("http-json");
            assertThat(browser.evaluate(PagePlugins.control("updateInterval") + ".value").asString())
                    .as("the type's default interval is prefilled").isEqualTo("60");
            assertThat(browser.evaluate(PagePlugins.control("config.color") + ".value").asString())
                    .as("schema defaults are prefilled").isEqualTo("#00ff80");

            page.typeInto("id", id);
            page.typeInto("updateInterval", "1");
            page.typeInto("config.url", "127.0.0.1:" + jsonService.getAddress().getPort() + "/weather.json");
            page.typeInto("config.pointer", "/main/temp");
            page.typeInto("config.format", "{value} C");
            browser.press("Enter"); // submits from the text field

            browser.await("document.querySelector('#plugin-dialog [data-path=\"config.url\"] .field-error').hidden",
                    Boolean.FALSE::equals, WAIT);
            assertThat(page.errorOf("config.url")).as("the server's violation, next to the URL field").contains("pattern");
            assertThat(page.errorOf("config.pointer")).isEmpty();
            assertThat(browser.evaluate(PagePlugins.control("config.url") + ".getAttribute('aria-invalid')").asString())
                    .isEqualTo("true");
            assertThat(browser.evaluate("document.activeElement === " + PagePlugins.control("config.url")).asBoolean())
                    .as("the focus goes to the field to fix").isTrue();
            assertThat(get("/api/v1/plugins/" + id).statusCode()).as("nothing was created").isEqualTo(404);
            page.scrollIntoView("#plugin-dialog [data-path=\"config.url\"]");
            browser.screenshot(SHOTS.resolve("add-violation-" + width + ".png"));

            page.typeInto("config.url", weatherUrl());
            page.focus("#plugin-save");
            browser.press("Enter");
            browser.await("document.getElementById('plugin-dialog').open", Boolean.FALSE::equals, WAIT);
            assertThat(getJson("/api/v1/plugins/" + id + "/config").path("url").asString()).isEqualTo(weatherUrl());

            // It appears in the list, updates from the JSON service, and shows the value once pinned.
            browser.await("document.querySelector('" + page.row(id) + "')?.dataset.state ?? 'absent'",
                    s -> s.equals("enabled") || s.equals("running"), WAIT);
            browser.await("document.querySelector('" + page.row(id) + " .plugin-times').textContent",
                    s -> ((String) s).contains("updated"), WAIT);
            page.click(page.row(id) + " [data-action=\"pin\"]");
            await().atMost(WAIT).until(() -> id.equals(getJson("/api/v1/display").path("currentPlugin").asString()));
            String before = displayShowsTheServicesFrame(null);
            served.set("{\"main\":{\"temp\":-8.25}}");
            displayShowsTheServicesFrame(before); // the new value reached the live display
            page.scrollIntoView("#screen");
            browser.screenshot(SHOTS.resolve("added-value-" + width + ".png"));
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
                    .as("no sideways scrolling at " + width + " px").isTrue();

            // Delete asks first; Cancel keeps it.
            page.click(page.row(id) + " [data-manage=\"delete\"]");
            browser.await("document.getElementById('delete-dialog').open", Boolean.TRUE::equals, WAIT);
            assertThat(browser.evaluate("document.getElementById('delete-question').textContent").asString()).contains(id);
            assertThat(browser.evaluate("document.activeElement.id").asString()).as("the safe choice has the focus")
                    .isEqualTo("delete-cancel");
            browser.screenshot(SHOTS.resolve("delete-confirm-" + width + ".png"));
            browser.press("Escape");
            browser.await("document.getElementById('delete-dialog').open", Boolean.FALSE::equals, WAIT);
            assertThat(get("/api/v1/plugins/" + id).statusCode()).isEqualTo(200);
            // The dialog's close event, which returns the focus, is a task queued after 'open' turns false.
            browser.await("document.activeElement.getAttribute('aria-label') ?? ''", ("Delete " + id)::equals, WAIT);

            page.click(page.row(id) + " [data-manage=\"delete\"]");
            browser.await("document.getElementById('delete-dialog').open", Boolean.TRUE::equals, WAIT);
            page.click("#delete-confirm");
            browser.await("document.querySelector('" + page.row(id) + "') === null", Boolean.TRUE::equals, WAIT);
            assertThat(get("/api/v1/plugins/" + id).statusCode()).isEqualTo(404);
            assertThat(browser.evaluate("document.getElementById('status').textContent").asString()).contains(id);
        } finally {
            send("DELETE", "/api/v1/plugins/" + id, null);
        }
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {360, 1280})
    void editTheMessageTextAndSeeItOnTheLiveDisplay(int width) throws Exception {
        JsonNode original = getJson("/api/v1/plugins/message/config");
        page.open(width, TOKEN);
        try {
            page.click(page.row("message") + " [data-action=\"pin\"]");
            await().atMost(WAIT).until(() -> "message".equals(getJson("/api/v1/display").path("currentPlugin").asString()));

            String first = editMessage("Hi", width, null);
            String second = editMessage("Hello!", width, first); // the live display follows each edit
            assertThat(PagePlugins.lit(second)).as("a longer text lights more LEDs").isGreaterThan(PagePlugins.lit(first));
            page.scrollIntoView("#screen");
            browser.screenshot(SHOTS.resolve("edited-message-" + width + ".png"));
        } finally {
            send("PUT", "/api/v1/plugins/message/config", original.toString());
        }
    }

    /** Edits the message's text through its Edit dialog, without scrolling; returns the display once it shows it. */
    private String editMessage(String text, int width, String previous) throws IOException {
        page.click(page.row("message") + " [data-manage=\"edit\"]");
        browser.await("document.getElementById('plugin-dialog').open", Boolean.TRUE::equals, WAIT);
        browser.await("document.querySelector('#plugin-dialog [data-path=\"config.text\"]') !== null", Boolean.TRUE::equals, WAIT);
        String current = getJson("/api/v1/plugins/message/config").path("text").asString();
        assertThat(browser.evaluate(PagePlugins.control("config.text") + ".value").asString())
                .as("the form shows the stored config").isEqualTo(current);
        page.typeInto("config.text", text);
        browser.evaluate(PagePlugins.control("config.scroll") + ".checked = false; true");
        if (text.equals("Hi")) {
            browser.screenshot(SHOTS.resolve("edit-message-" + width + ".png"));
        }
        page.click("#plugin-save");
        browser.await("document.getElementById('plugin-dialog').open", Boolean.FALSE::equals, WAIT);
        assertThat(getJson("/api/v1/plugins/message/config").path("text").asString()).isEqualTo(text);
        return displayShowsTheServicesFrame(previous);
    }
}
