package dev.ledmatrix.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.imageio.ImageIO;

/**
 * What the browser tests do on the live page as a user would: open the plugin dialog, type into the fields the
 * schema generated (real key input, found by the server's field names), press keys, and read the live display
 * LED by LED to compare it with the service's own frame.
 */
final class PagePlugins {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final HeadlessChromium browser;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    PagePlugins(HeadlessChromium browser, URI base) {
        this.browser = browser;
        this.base = base;
    }

    /** Opens the page at {@code width} px (a phone below 600) with the API token already kept by the browser. */
    void open(int width, String token) {
        boolean phone = width < 600;
        browser.viewport(width, phone ? 780 : 1000, phone);
        browser.navigate(base.resolve("/"));
        browser.evaluate("localStorage.setItem('ledmatrix.apiToken', '" + token + "'); true");
        browser.await("document.querySelectorAll('#plugins li[data-plugin-id]').length", n -> ((Double) n) >= 2, WAIT);
    }

    static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The control of a generated field, by the name the server's problems use ({@code config.url}, {@code id}). */
    static String control(String path) {
        return "document.querySelector('#plugin-dialog [data-path=\"" + path + "\"]').querySelector('input:not([type=color]), select, textarea')";
    }

    /** Empties the field, focuses it and types {@code text} into it. */
    void typeInto(String path, String text) {
        browser.evaluate("(() => { const c = " + control(path) + "; c.value = ''; c.focus(); return true; })()");
        browser.type(text);
    }

    String errorOf(String path) {
        return browser.evaluate("(() => { const e = document.querySelector('#plugin-dialog [data-path=\"" + path
                + "\"] .field-error'); return e.hidden ? '' : e.textContent; })()").asString();
    }

    void focus(String selector) {
        browser.evaluate("document.querySelector(" + js(selector) + ").focus(); true");
    }

    void click(String selector) {
        browser.evaluate("document.querySelector(" + js(selector) + ").click(); true");
    }

    String row(String pluginId) {
        return "li[data-plugin-id=\"" + pluginId + "\"]";
    }

    void chooseType(String type) {
        browser.evaluate("(() => { const s = document.getElementById('plugin-type'); s.value = " + js(type)
                + "; s.dispatchEvent(new Event('change')); return s.value; })()");
    }

    boolean dialogOpen(String id) {
        return browser.evaluate("document.getElementById(" + js(id) + ").open").asBoolean();
    }

    void scrollIntoView(String selector) {
        browser.evaluate("document.querySelector(" + js(selector) + ").scrollIntoView({block: 'center'}); true");
    }

    /** The page's live display read back LED by LED (the centre of each dot), as rows of 0 and 1. */
    String ledsOnPage() {
        return browser.evaluate("""
                (() => {
                  const c = document.getElementById('screen');
                  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  const w = c.width / 8, h = c.height / 8;
                  let out = '';
                  for (let y = 0; y < h; y++) {
                    for (let x = 0; x < w; x++) {
                      const i = ((y * 8 + 4) * c.width + x * 8 + 4) * 4;
                      out += Math.max(d[i], d[i + 1], d[i + 2]) > 100 ? '1' : '0';
                    }
                    out += '\\n';
                  }
                  return out;
                })()""").asString();
    }

    /** The service's current frame (frame.png at one pixel per LED), in the same form. */
    String ledsOfService() {
        try {
            HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/display/frame.png?scale=1"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.body()));
            StringBuilder out = new StringBuilder();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int max = Math.max((rgb >> 16) & 0xff, Math.max((rgb >> 8) & 0xff, rgb & 0xff));
                    out.append(max > 100 ? '1' : '0');
                }
                out.append('\n');
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long lit(String leds) {
        return leds.chars().filter(c -> c == '1').count();
    }
}
