package dev.ledmatrix.plugin;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ledmatrix.JsonConfig;
import dev.ledmatrix.graphics.Canvas;
import dev.ledmatrix.plugin.spi.Plugin;
import dev.ledmatrix.plugin.spi.PluginContext;
import dev.ledmatrix.plugin.spi.PluginDescriptor;
import dev.ledmatrix.plugin.spi.PluginType;
import dev.ledmatrix.plugin.spi.RenderContext;
import dev.ledmatrix.plugin.spi.UpdateContext;
import dev.ledmatrix.state.HistoryProperties;
import dev.ledmatrix.state.PluginStateManager;
import dev.ledmatrix.storage.DataDirectory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a unit test: a load test of the real {@link UpdateScheduler} with many instances of a no-op plugin type,
 * ticked the way {@code @Scheduled(fixedDelay)} ticks it. It reports how late updates start and how much CPU the
 * process uses. Results and the command are in docs/benchmarks.md ("Scheduler: 1,000 instances").
 *
 * <p>Lateness of an update = when it started − when it became due. Due is what the scheduler promises: the
 * previous attempt's start + the interval (the instance's {@code nextAttemptAt}). Two start times are measured:
 * <ul>
 * <li><b>dispatch</b>: the attempt's start as the scheduler records it (it reserves the plugin and submits the
 * thread), i.e. {@code UpdateContext.deadline - timeout};</li>
 * <li><b>run</b>: the moment {@code update()} is actually entered on its virtual thread.</li>
 * </ul>
 * First attempts (due at creation) fall inside the warm-up and are not counted.
 *
 * <p>Arguments (all optional, in this order): instances (1000), measured seconds (60), warm-up seconds (10),
 * tick in ms (250), update interval in ms (1000), start ({@code spread} or {@code together}). {@code spread}
 * creates the instances evenly over one interval, as instances created one by one over time end up;
 * {@code together} creates them all at once, as after a restart, so every second they all fall due at once.
 */
public final class SchedulerLatencyBenchmark {

    private final int instances;
    private final Duration measured;
    private final Duration warmup;
    private final Duration tick;
    private final Duration interval;
    private final boolean spread;

    /** Samples in nanoseconds, written by the update threads; only those after the warm-up are kept. */
    private final long[] dispatchLateness;
    private final long[] runLateness;
    private final long[] period;
    private final AtomicInteger samples = new AtomicInteger();
    private final long[] tickNanos = new long[1 << 20];
    private final AtomicInteger ticks = new AtomicInteger();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private volatile long measureUntilNanos = Long.MAX_VALUE;
    private final Clock clock = Clock.systemUTC();

    SchedulerLatencyBenchmark(int instances, Duration measured, Duration warmup, Duration tick, Duration interval,
            boolean spread) {
        this.spread = spread;
        this.instances = instances;
        this.measured = measured;
        this.warmup = warmup;
        this.tick = tick;
        this.interval = interval;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8,
                (long) instances * (measured.toMillis() / Math.max(1, interval.toMillis()) + 2) * 2);
        dispatchLateness = new long[capacity];
        runLateness = new long[capacity];
        period = new long[capacity];
    }

    public static void main(String[] args) throws Exception {
        // As in the service (Spring Boot logs at INFO); logback without a config file would log DEBUG.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
        Duration warmup = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        Duration tick = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 250);
        Duration interval = Duration.ofMillis(args.length > 4 ? Long.parseLong(args[4]) : 1000);
        boolean spread = args.length <= 5 || !"together".equals(args[5]);
        new SchedulerLatencyBenchmark(instances, measured, warmup, tick, interval, spread).run();
        System.exit(0);
    }

    /** The no-op type: its update only measures when it was called. */
    private PluginType noOpType() {
        PluginDescriptor descriptor = new PluginDescriptor("noop", "No-op", "1.0", "measures its own lateness",
                interval, null, null);
        return new PluginType() {
            @Override
            public PluginDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public Plugin create(PluginContext context) {
                return new Plugin() {
                    /** Start of the previous attempt, as the scheduler recorded it; only this plugin's thread. */
                    private Instant previousStart;

                    @Override
                    public void update(UpdateContext ctx) {
                        Instant entered = clock.instant();
                        long enteredNanos = System.nanoTime();
                        Instant start = ctx.deadline().minus(ctx.timeout());
                        Instant previous = previousStart;
                        previousStart = start;
                        if (previous == null || enteredNanos < measureFromNanos || enteredNanos > measureUntilNanos) {
                            return;
                        }
                        Instant due = previous.plus(interval);
                        int i = samples.getAndIncrement();
                        if (i < dispatchLateness.length) {
                            dispatchLateness[i] = Duration.between(due, start).toNanos();
                            runLateness[i] = Duration.between(due, entered).toNanos();
                            period[i] = Duration.between(previous, start).toNanos();
                        }
                    }

                    @Override
                    public void render(Canvas canvas, RenderContext render) {
                    }
                };
            }
        };
    }

    void run() throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("scheduler-benchmark");
        PluginStateManager states = new PluginStateManager(clock, new HistoryProperties(500));
        JsonMapper json = JsonMapper.builder().addModule(JsonConfig.durationModule()).build();
        InstanceStore store = new InstanceStore(new DataDirectory(dataDir), json, clock);
        PluginTypeRegistry types = new PluginTypeRegistry(java.util.List.of(noOpType()),
                new PluginProperties(dataDir.resolve("no-plugins")));
        UpdateObserver observer = new UpdateObserver() {
            @Override
            public void updateFinished(String pluginId, UpdateOutcome outcome, Duration duration) {
            }

            @Override
            public void renderFinished(String pluginId, RenderOutcome outcome, Duration duration) {
            }
        };
        SchedulerProperties properties = new SchedulerProperties(tick, Duration.ofSeconds(30), Duration.ofMinutes(5), 16);
        ConfigValidator validator = new ConfigValidator();
        Instances all = new Instances();
        PluginSecrets secrets = new PluginSecrets(types, all);
        PluginLoader loader = new PluginLoader(types, validator, states, clock, secrets);
        UpdateScheduler scheduler = new UpdateScheduler(all, states, observer, properties, clock, secrets);
        PluginRuntime runtime = new PluginRuntime(all, store, loader, scheduler, types, states, properties);
        PluginActions actions = new PluginActions(runtime, all, store, loader, scheduler, validator, types, states,
                observer, secrets);
        store.initialise(java.util.List.of()); // not a first start: no default clock and message
        runtime.start();
        // Together: all exist before the first tick, as after a restart. Spread: created at an even pace while
        // ticking (if creating is slower than the pace, they spread over a longer time: phases stay uniform).
        if (!spread) {
            createInstances(actions);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tick").daemon().factory());
        ticker.scheduleWithFixedDelay(() -> {
            long t0 = System.nanoTime();
            scheduler.tick();
            int i = ticks.getAndIncrement();
            if (i < tickNanos.length) {
                tickNanos[i] = System.nanoTime() - t0;
            }
        }, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
        if (spread) {
            createInstances(actions);
        }

        System.out.printf(Locale.ROOT, "%d instances (%s), interval %d ms, tick %d ms: warm-up %d s, then %d s "
                + "measured%n", instances, spread ? "created spread over one interval" : "created all at once",
                interval.toMillis(), tick.toMillis(), warmup.toSeconds(), measured.toSeconds());
        Thread.sleep(warmup);

        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gcBefore = gcMillis();
        long cpuBefore = os.getProcessCpuTime();
        double loadBefore = os.getSystemLoadAverage();
        ticks.set(0);
        long wallStart = System.nanoTime();
        measureFromNanos = wallStart;
        measureUntilNanos = wallStart + measured.toNanos();
        Thread.sleep(measured);
        long wall = System.nanoTime() - wallStart;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        double loadAfter = os.getSystemLoadAverage();
        long gc = gcMillis() - gcBefore;

        ticker.shutdownNow();
        runtime.stop();
        scheduler.destroy();
        types.destroy();

        int n = Math.min(samples.get(), dispatchLateness.length);
        int tickCount = Math.min(ticks.get(), tickNanos.length);
        System.out.printf(Locale.ROOT, "updates measured: %d (%.1f per second; ideal %.1f)%n", n,
                n / (wall / 1e9), instances * 1000.0 / interval.toMillis());
        report("dispatch lateness", Arrays.copyOf(dispatchLateness, n));
        report("run lateness     ", Arrays.copyOf(runLateness, n));
        report("period           ", Arrays.copyOf(period, n));
        report("tick duration    ", Arrays.copyOf(tickNanos, tickCount));
        System.out.printf(Locale.ROOT, "process CPU: %.1f %% of one core (%d ms CPU in %d ms); GC %d ms; "
                + "%d cores; load average %.2f -> %.2f%n", 100.0 * cpu / wall, cpu / 1_000_000, wall / 1_000_000, gc,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.println("JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private void createInstances(PluginActions actions) throws InterruptedException {
        long createStart = System.nanoTime();
        for (int i = 0; i < instances; i++) {
            if (spread) {
                long wait = createStart + interval.toNanos() * i / instances - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
            actions.create(new InstanceSpec(String.format("noop-%04d", i), "noop", true, null, null, null, null));
        }
        System.out.printf(Locale.ROOT, "created %d instances in %d ms%n", instances,
                (System.nanoTime() - createStart) / 1_000_000);
    }

    private static void report(String what, long[] nanos) {
        if (nanos.length == 0) {
            System.out.println(what + ": no samples");
            return;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: p50 %8.2f ms  p90 %8.2f ms  p99 %8.2f ms  p99.9 %8.2f ms  max %8.2f ms"
                        + "  min %8.2f ms  (n=%d)%n", what, ms(pct(nanos, 0.50)), ms(pct(nanos, 0.90)),
                ms(pct(nanos, 0.99)), ms(pct(nanos, 0.999)), ms(nanos[nanos.length - 1]), ms(nanos[0]), nanos.length);
    }

    private static long pct(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }
}
