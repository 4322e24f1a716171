package dev.ledmatrix.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A new user in Swagger UI, in a real headless Chromium: authorizes with the token, creates an http-json instance
 * with an Authorization header through "Try it out", and then, without the token, sees the header masked.
 */
@EnabledIf("chromiumInstalled")
class SwaggerUiBrowserTest extends EdgeApp {

    static final Duration WAIT = Duration.ofSeconds(60);

    static boolean chromiumInstalled() {
        return HeadlessChromium.find().isPresent();
    }

    @Test
    void createAnHttpJsonInstanceWithAnAuthorizationHeaderFromSwaggerUi() throws Exception {
        try (HeadlessChromium browser = new HeadlessChromium(HeadlessChromium.find().orElseThrow(), 1200, 1000)) {
            browser.navigate(URI.create("http://127.0.0.1:" + port + "/swagger-ui.html"));
            browser.await("document.querySelectorAll('.opblock').length", n -> ((Double) n) > 10, WAIT);
            // Authorize: the dialog's bearer field, as a user types it.
            browser.evaluate("document.querySelector('.btn.authorize').click()");
            browser.await("!!document.querySelector('.auth-container input')", Boolean.TRUE::equals, WAIT);
            browser.evaluate(typeInto(".auth-container input", TOKEN));
            browser.evaluate("document.querySelector('.auth-btn-wrapper .authorize').click()");
            browser.evaluate("document.querySelector('.btn-done, .close-modal').click()");
            // POST /api/v1/plugins: open it, Try it out, the body, Execute.
            browser.evaluate("document.querySelector('#operations-Plugins-create .opblock-summary-control').click()");
            browser.await("!!document.querySelector('.opblock.is-open .try-out__btn')", Boolean.TRUE::equals, WAIT);
            browser.evaluate("document.querySelector('.opblock.is-open .try-out__btn').click()");
            browser.await("!!document.querySelector('.opblock.is-open textarea.body-param__text')",
                    Boolean.TRUE::equals, WAIT);
            String body = "{\\\"id\\\":\\\"from-swagger\\\",\\\"type\\\":\\\"http-json\\\",\\\"config\\\":{\\\"url\\\":"
                    + "\\\"http://127.0.0.1:9/state\\\",\\\"headers\\\":{\\\"Authorization\\\":\\\"Bearer swagger-secret-42\\\"}}}";
            browser.evaluate(typeInto(".opblock.is-open textarea.body-param__text", body));
            browser.evaluate("document.querySelector('.opblock.is-open .execute').click()");
            String status = browser.await("document.querySelector('.opblock.is-open .live-responses-table "
                    + "tbody .response-col_status')?.textContent.trim() ?? ''", s -> ((String) s).matches("\\d{3}.*"), WAIT).asString();
            assertThat(status).startsWith("201");
        }
        try {
            ApiClient.Reply anonymous = api.anonymous().get("/api/v1/plugins/from-swagger/config");
            assertThat(anonymous.json().path("headers").path("Authorization").asString()).isEqualTo("••••••");
            assertThat(api.get("/api/v1/plugins/from-swagger/config").json().path("headers").path("Authorization")
                    .asString()).isEqualTo("Bearer swagger-secret-42");
        } finally {
            api.delete("/api/v1/plugins/from-swagger");
        }
    }

    /** Sets a React-controlled field's value the way typing does, so Swagger UI's state sees it. */
    static String typeInto(String selector, String value) {
        return "(() => { const el = document.querySelector('" + selector + "');"
                + " const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;"
                + " Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, \"" + value + "\");"
                + " el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));"
                + " return true; })()";
    }
}
