package dev.ledmatrix.display.panel;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Panel configurations as Spring binds them (defaults included), for tests. */
final class TestPanels {

    /** A machine that is not a Pi, where the tests run as root. */
    static final HostFacts TEST_HOST = new HostFacts(null, 0, 0, Set.of(), Map.of());

    static final String PI3 = "Raspberry Pi 3 Model B Plus Rev 1.3";
    static final long PI3_REVISION = 0xa020d3;
    static final String PI4 = "Raspberry Pi 4 Model B Rev 1.4";
    static final long PI4_REVISION = 0xd03114;
    static final String PI5 = "Raspberry Pi 5 Model B Rev 1.0";
    static final long PI5_REVISION = 0xd04170;
    static final String CM4 = "Raspberry Pi Compute Module 4 Rev 1.0";
    static final long CM4_REVISION = 0xb03140;

    /**
     * A Pi as {@link HostFacts} describes it, for rule tests without a child process; {@code devices} are
     * pairs like "/dev/gpiomem=opens", "/dev/mem=Operation not permitted" (unlisted ones are absent).
     */
    static HostFacts pi(String model, long revision, int uid, Set<String> modules, String... devices) {
        Map<String, String> states = new LinkedHashMap<>();
        for (String device : HostFacts.DEVICES) {
            states.put(device, HostFacts.ABSENT);
        }
        for (String d : devices) {
            int eq = d.indexOf('=');
            states.put(d.substring(0, eq), d.substring(eq + 1));
        }
        return new HostFacts(model, revision, uid, modules, states);
    }

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
