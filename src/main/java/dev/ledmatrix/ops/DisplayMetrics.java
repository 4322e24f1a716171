package dev.ledmatrix.ops;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.ledmatrix.display.DisplayService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code ledmatrix.display.frames}, {@code ledmatrix.display.frame.push} and {@code ledmatrix.display.fps}, read
 * from the render loop's own counters so measuring costs the loop nothing.
 */
@Component
class DisplayMetrics {

    DisplayMetrics(DisplayService display, MeterRegistry registry) {
        FunctionCounter.builder("ledmatrix.display.frames", display, DisplayService::framesPushed)
                .description("Frames pushed to the panel (identical frames are not pushed again)")
                .register(registry);
        FunctionTimer.builder("ledmatrix.display.frame.push", display, DisplayService::framesPushed,
                        DisplayService::pushSeconds, TimeUnit.SECONDS)
                .description("Time spent pushing frames to the panel")
                .register(registry);
        Gauge.builder("ledmatrix.display.fps", display, DisplayService::measuredFps)
                .description("Frames per second of the render loop, measured over the last second")
                .register(registry);
    }
}
