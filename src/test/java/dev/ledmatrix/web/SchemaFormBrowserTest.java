package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

/**
 * The forms the page generates from JSON Schemas, in a real Chromium: every type the service offers (built-in and
 * the example external plugin) gets a labelled control of its own kind for every property, so a schema feature the
 * generator cannot show fails here; what it cannot show falls back to checked JSON; secrets stay masked and kept;
 * schema text never becomes markup; the dialog works from the keyboard alone.
 */
@EnabledIf(value = "dev.ledmatrix.web.LivePageBrowserTest#chromiumInstalled",
        disabledReason = "no Chromium on this machine (apt-get install chromium, or set LEDMATRIX_CHROMIUM)")
@ExtendWith(SharedChromium.class)
class SchemaFormBrowserTest extends LiveApp {

    HeadlessChromium browser;
    PagePlugins page;

    @BeforeEach
    void openPage(HeadlessChromium shared) {
        browser = shared;
        page = new PagePlugins(browser, uri("/"));
        page.open(1280, TOKEN);
    }

    /** Problems with the open dialog's form for the schema given: unshown properties, fallbacks, unlabelled controls. */
    private List<String> formProblems(JsonNode schema) {
        JsonNode problems = browser.evaluate("""
                ((schema) => {
                  const problems = [];
                  const walk = (s, path) => {
                    for (const [key, sub] of Object.entries(s.properties ?? {})) {
                      const field = document.querySelector(`#plugin-dialog [data-path="${path}.${key}"]`);
                      if (!field) { problems.push(`${path}.${key}: no control`); continue; }
                      if (field.dataset.kind === 'json') problems.push(`${path}.${key}: only as JSON`);
                      if (sub.type === 'object' && sub.properties) walk(sub, `${path}.${key}`);
                    }
                  };
                  walk(schema, 'config');
                  for (const c of document.querySelectorAll('#plugin-dialog input, #plugin-dialog select, #plugin-dialog textarea, #plugin-dialog button')) {
                    const named = c.labels?.length > 0 || c.getAttribute('aria-label') || (c.tagName === 'BUTTON' && c.textContent.trim());
                    if (!named) problems.push(`unlabelled ${c.tagName} ${c.id || c.name}`);
                  }
                  return problems;
                })(%s)""".formatted(schema.toString()));
        return HeadlessChromium.strings(problems);
    }

    @Test
    void everyTypeTheServiceOffersGetsAFormWithALabelledControlForEachProperty() throws Exception {
        JsonNode types = getJson("/api/v1/plugin-types").path("types");
        List<String> ids = types.valueStream().map(t -> t.path("id").asString()).toList();
        assertThat(ids).as("built-in types and the example external type").contains("clock", "text", "http-json", "hello");

        page.click("#add-plugin");
        browser.await("document.getElementById('plugin-dialog').open", Boolean.TRUE::equals, PagePlugins.WAIT);
        assertThat(HeadlessChromium.strings(browser.evaluate(
                "[...document.getElementById('plugin-type').options].map(o => o.value)"))).containsExactlyElementsOf(ids);
        for (JsonNode type : types) {
            String id = type.path("id").asString();
            page.chooseType(id);
            assertThat(formProblems(type.path("configSchema"))).as("the form of type " + id).isEmpty();
            if (id.equals("hello") || id.equals("clock")) {
                browser.screenshot(LivePageBrowserTest.SHOTS.resolve("form-" + id + ".png"));
            }
        }
        // The kinds chosen are the ones a user expects for these schemas.
        page.chooseType("clock");
        assertThat(kind("config.format")).isEqualTo("enum");
        assertThat(kind("config.showDate")).isEqualTo("boolean");
        assertThat(kind("config.color")).isEqualTo("colour");
        assertThat(browser.evaluate("document.querySelector('#plugin-dialog [data-path=\"config.color\"] input[type=color]').value")
                .asString()).isEqualTo("#ffffff");
        page.chooseType("text");
        assertThat(kind("config.speed")).isEqualTo("number");
        assertThat(browser.evaluate(PagePlugins.control("config.speed") + ".max").asString()).isEqualTo("500");
        assertThat(browser.evaluate("document.querySelector('#plugin-dialog [data-path=\"config.speed\"] .help').textContent")
                .asString()).contains("pixels per second").contains("1 to 500");
        page.chooseType("http-json");
        assertThat(kind("config.headers")).isEqualTo("map");
        browser.press("Escape");
        browser.await("document.getElementById('plugin-dialog').open", Boolean.FALSE::equals, PagePlugins.WAIT);
    }

    private String kind(String path) {
        return browser.evaluate("document.querySelector('#plugin-dialog [data-path=\"" + path + "\"]').dataset.kind").asString();
    }

    @Test
    void whatTheGeneratorCannotShowIsCheckedJsonSecretsStayMaskedAndSchemaTextStaysText() {
        JsonNode result = browser.evaluate("""
                (async () => {
                  const forms = await import('./forms.js');
                  const schema = {type: 'object', required: ['when'], properties: {
                    when: {oneOf: [{type: 'string'}, {type: 'object'}], description: 'either'},
                    token: {type: 'string', 'x-secret': true},
                    fresh: {type: 'string', 'x-secret': true},
                    note: {type: 'string', description: '<img src=x onerror="window.pwned = 1">'},
                    tags: {type: 'array', items: {type: 'string'}},
                    days: {type: 'array', items: {enum: ['mon', 'tue', 'wed']}, uniqueItems: true},
                    where: {type: 'object', properties: {lat: {type: 'number', minimum: -90, maximum: 90}}}}};
                  const form = forms.schemaForm(schema, {when: {a: 1}, token: forms.MASK, tags: ['x', 'y'], days: ['tue'],
                    where: {lat: 52.5}}, {path: 'config'});
                  document.body.append(form.element);
                  const q = (path, sel = 'input, textarea, select') => form.element.querySelector(`[data-path="${path}"]`).querySelector(sel);
                  const out = {};
                  out.kinds = Object.fromEntries([...form.element.querySelectorAll('[data-path]')].map(e => [e.dataset.path, e.dataset.kind]));
                  out.read = form.read().value;
                  out.tokenType = q('config.token').type;
                  out.tokenShown = q('config.token').value;
                  q('config.token').value = 'new-secret';
                  out.readAfterNewSecret = form.read().value.token;
                  q('config.when').value = '{"a": ';
                  q('config.when').dispatchEvent(new Event('input'));
                  out.liveError = form.element.querySelector('[data-path="config.when"] .field-error').textContent;
                  out.problems = form.read().problems;
                  out.images = form.element.querySelectorAll('img').length;
                  out.noteHelp = form.element.querySelector('[data-path="config.note"] .help').textContent;
                  const unclaimed = form.slots.show([{field: 'config.where.lat', message: 'too far north'},
                    {field: 'config.tags.1', message: 'too short'}, {field: 'elsewhere', message: 'not here'}]);
                  out.latError = form.element.querySelector('[data-path="config.where.lat"] .field-error').textContent;
                  out.tagsError = form.element.querySelector('[data-path="config.tags"] .field-error').textContent;
                  out.unclaimed = unclaimed.map(e => e.field);
                  form.element.remove();
                  out.pwned = window.pwned ?? null;
                  return out;
                })()""");
        assertThat(result.path("kinds").path("config.when").asString()).isEqualTo("json");
        assertThat(result.path("kinds").path("config.tags").asString()).isEqualTo("strings");
        assertThat(result.path("kinds").path("config.days").asString()).isEqualTo("choices");
        assertThat(result.path("kinds").path("config.where").asString()).isEqualTo("object");
        JsonNode read = result.path("read");
        assertThat(read.path("when").path("a").asInt()).isEqualTo(1);
        assertThat(read.path("token").asString()).as("an untouched secret is sent back as the mask: kept").isEqualTo("••••••");
        assertThat(read.has("fresh")).as("an empty secret that was never set is left out").isFalse();
        assertThat(HeadlessChromium.strings(read.path("tags"))).containsExactly("x", "y");
        assertThat(HeadlessChromium.strings(read.path("days"))).containsExactly("tue");
        assertThat(read.path("where").path("lat").asDouble()).isEqualTo(52.5);
        assertThat(result.path("tokenType").asString()).isEqualTo("password");
        assertThat(result.path("tokenShown").asString()).as("the mask is not shown as if it were the value").isEmpty();
        assertThat(result.path("readAfterNewSecret").asString()).isEqualTo("new-secret");
        assertThat(result.path("liveError").asString()).contains("not valid JSON");
        assertThat(result.path("problems").get(0).path("field").asString()).isEqualTo("config.when");
        assertThat(result.path("images").asInt()).as("schema text is never markup").isZero();
        assertThat(result.path("noteHelp").asString()).startsWith("<img src=x");
        assertThat(result.path("pwned").isNull()).isTrue();
        assertThat(result.path("latError").asString()).isEqualTo("too far north");
        assertThat(result.path("tagsError").asString()).isEqualTo("#2: too short");
        assertThat(HeadlessChromium.strings(result.path("unclaimed"))).containsExactly("elsewhere");
    }

    @Test
    void theAddDialogWorksFromTheKeyboardAloneOnAPhone() throws Exception {
        page.open(360, TOKEN);
        page.focus("#add-plugin");
        browser.press("Enter");
        browser.await("document.getElementById('plugin-dialog').open", Boolean.TRUE::equals, PagePlugins.WAIT);
        page.chooseType("http-json");
        page.focus("#plugin-type");
        StringBuilder visited = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            browser.press("Tab");
            JsonNode at = browser.evaluate("""
                    (() => { const a = document.activeElement;
                      return {inDialog: !!a.closest('#plugin-dialog'), id: a.id,
                              name: (a.labels?.[0]?.textContent ?? a.getAttribute('aria-label') ?? a.textContent).trim()}; })()""");
            assertThat(at.path("inDialog").asBoolean()).as("the focus stays in the dialog").isTrue();
            assertThat(at.path("name").asString()).as("every stop has a name").isNotBlank();
            visited.append(at.path("name").asString()).append(" | ");
            if (at.path("id").asString().equals("plugin-cancel")) {
                break;
            }
        }
        assertThat(visited.toString()).contains("ID", "Update interval", "URL", "Pointer", "Add to Headers",
                "Color: colour picker", "Create", "Cancel");
        assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth").asBoolean()).isTrue();
        assertThat(browser.evaluate("(() => { const d = document.getElementById('plugin-dialog');"
                + " return d.scrollWidth <= d.clientWidth && d.getBoundingClientRect().right <= window.innerWidth; })()")
                .asBoolean()).as("the dialog fits 360 px").isTrue();
        browser.screenshot(LivePageBrowserTest.SHOTS.resolve("add-dialog-360.png"));
        browser.press("Escape");
        browser.await("document.getElementById('plugin-dialog').open", Boolean.FALSE::equals, PagePlugins.WAIT);
        // The dialog's close event, which returns the focus, is a task queued after 'open' turns false.
        browser.await("document.activeElement.id", "add-plugin"::equals, PagePlugins.WAIT);
    }
}
