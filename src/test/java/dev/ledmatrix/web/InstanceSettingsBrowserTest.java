package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * Instance settings, the rotation order and the panel's health from the page, in a real Chromium at 360 px: a
 * weekly window with a bad time is named under the windows and changes nothing, fixed it is saved through PATCH with
 * the changed duration; a plugin moved earlier in the rotation is moved in the service; the panel's health shows.
 */
@EnabledIf(value = "dev.ledmatrix.web.LivePageBrowserTest#chromiumInstalled",
        disabledReason = "no Chromium on this machine (apt-get install chromium, or set LEDMATRIX_CHROMIUM)")
@ExtendWith(SharedChromium.class)
class InstanceSettingsBrowserTest extends LiveApp {

    HeadlessChromium browser;
    PagePlugins page;

    @BeforeEach
    void openPage(HeadlessChromium shared) {
        browser = shared;
        page = new PagePlugins(browser, uri("/"));
        page.open(360, TOKEN);
    }

    private String windowsField(String selector) {
        return "document.querySelector('#plugin-dialog [data-path=\"activeWindows\"] " + selector + "')";
    }

    @Test
    void settingsAreSavedThroughPatchAndABadWindowIsNamedAndChangesNothing() throws Exception {
        JsonNode before = getJson("/api/v1/plugins/clock");
        try {
            page.click(page.row("clock") + " [data-manage=\"edit\"]");
            browser.await("document.querySelector('#plugin-dialog [data-path=\"activeWindows\"]') !== null",
                    Boolean.TRUE::equals, PagePlugins.WAIT);
            assertThat(browser.evaluate(PagePlugins.control("displayDuration") + ".value").asString())
                    .isEqualTo(before.path("displayDuration").asString());
            page.typeInto("displayDuration", "21");
            page.click("#plugin-dialog [data-path=\"activeWindows\"] .list > button, #plugin-dialog "
                    + "[data-path=\"activeWindows\"] > button");
            browser.evaluate(windowsField("input[type=checkbox]") + ".click(); true"); // mon
            browser.evaluate(windowsField("[data-path=\"activeWindows.0.from\"] input") + ".focus(); true");
            browser.type("7");
            browser.evaluate(windowsField("[data-path=\"activeWindows.0.to\"] input") + ".focus(); true");
            browser.type("24:00");
            page.click("#plugin-save");

            browser.await(windowsField("> .field-error") + ".textContent", s -> ((String) s).contains("#1 from"),
                    PagePlugins.WAIT);
            JsonNode unchanged = getJson("/api/v1/plugins/clock");
            assertThat(unchanged.path("displayDuration").asDouble()).as("nothing changed on a 400")
                    .isEqualTo(before.path("displayDuration").asDouble());
            page.scrollIntoView("#plugin-dialog [data-path=\"activeWindows\"]");
            browser.screenshot(LivePageBrowserTest.SHOTS.resolve("settings-violation-360.png"));
            assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean()).isTrue();

            browser.evaluate(windowsField("[data-path=\"activeWindows.0.from\"] input") + ".value = ''; true");
            browser.evaluate(windowsField("[data-path=\"activeWindows.0.from\"] input") + ".focus(); true");
            browser.type("00:00");
            page.click("#plugin-save");
            browser.await("document.getElementById('plugin-dialog').open", Boolean.FALSE::equals, PagePlugins.WAIT);

            JsonNode after = getJson("/api/v1/plugins/clock");
            assertThat(after.path("displayDuration").asDouble()).isEqualTo(21);
            assertThat(after.path("activeWindows").toString())
                    .isEqualTo("[{\"days\":[\"mon\"],\"from\":\"00:00\",\"to\":\"24:00\"}]");
            assertThat(after.path("config")).as("the config was not touched").isEqualTo(before.path("config"));
        } finally {
            send("PATCH", "/api/v1/plugins/clock", "{\"displayDuration\":null,\"activeWindows\":null}");
        }
    }

    @Test
    void aPluginMovedEarlierInTheRotationMovesInTheServiceAndThePanelHealthShows() throws Exception {
        List<String> order = HeadlessChromium.strings(getJson("/api/v1/display/rotation").path("order"));
        assertThat(order).hasSizeGreaterThanOrEqualTo(2);
        String second = order.get(1);
        try {
            browser.await("document.getElementById('rotation').hidden", Boolean.FALSE::equals, PagePlugins.WAIT);
            browser.await("document.querySelectorAll('#rotation-order li').length", n -> ((Double) n) == order.size(),
                    PagePlugins.WAIT);
            page.focus("#rotation-order li[data-plugin-id=\"" + second + "\"] button[data-move=\"-1\"]");
            browser.press("Enter");
            await().atMost(PagePlugins.WAIT).until(() -> second.equals(
                    getJson("/api/v1/display/rotation").path("order").get(0).asString()));
            browser.await("document.querySelector('#rotation-order li').dataset.pluginId", second::equals, PagePlugins.WAIT);
            assertThat(browser.evaluate("document.activeElement.getAttribute('aria-label')").asString())
                    .as("the focus stays with the plugin moved").contains(second);

            browser.await("document.getElementById('panel-health').dataset.status ?? ''", "UP"::equals, PagePlugins.WAIT);
            assertThat(browser.evaluate("document.getElementById('panel-health').textContent").asString())
                    .contains("emulator");
            page.scrollIntoView("#rotation");
            browser.screenshot(LivePageBrowserTest.SHOTS.resolve("rotation-360.png"));
        } finally {
            send("PUT", "/api/v1/display/rotation", json.writeValueAsString(java.util.Map.of("order", order)));
        }
    }
}
