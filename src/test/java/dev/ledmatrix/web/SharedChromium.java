package dev.ledmatrix.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One headless Chromium for every browser test of a run: starting one costs seconds on a loaded machine, so it is
 * kept in JUnit's root store and closed when the run ends. Tests get it as a parameter and must not rely on what
 * an earlier test left (they navigate first and reset the viewport).
 */
final class SharedChromium implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedChromium.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HeadlessChromium.class;
    }

    @Override
    public HeadlessChromium resolveParameter(ParameterContext parameter, ExtensionContext context) {
        HeadlessChromium browser = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(HeadlessChromium.class, key -> start(), HeadlessChromium.class);
        browser.resetViewport();
        return browser;
    }

    private static HeadlessChromium start() {
        try {
            return new HeadlessChromium(HeadlessChromium.required(), 1280, 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
