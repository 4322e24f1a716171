package dev.ledmatrix.display.panel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Panel configurations as Spring binds them (defaults included), for tests. */
final class TestPanels {

    /** A machine that is not a Pi, where the tests run as root. */
    static final HostFacts TEST_HOST = new HostFacts(null, 0, Set.of());

    private TestPanels() {
    }

    /** Binds {@code key=value} pairs (keys without the {@code ledmatrix.panel.} prefix); no validation. */
    static PanelProperties properties(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (String kv : keyValues) {
            int eq = kv.indexOf('=');
            map.put("ledmatrix.panel." + kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("ledmatrix.panel", PanelProperties.class);
    }

    /** A native configuration on the fake library, plus the given pairs. */
    static PanelProperties fakeNative(String... keyValues) {
        String[] all = new String[keyValues.length + 3];
        all[0] = "backend=native";
        all[1] = "library-path=" + FakeRgbMatrix.path();
        all[2] = "allow-non-pi=true";
        System.arraycopy(keyValues, 0, all, 3, keyValues.length);
        return properties(all);
    }

    static NativePanel openFake(String... keyValues) {
        return NativePanel.open(fakeNative(keyValues), TEST_HOST);
    }
}
