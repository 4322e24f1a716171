package dev.ledmatrix.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import dev.ledmatrix.plugin.PluginRuntime;
import tools.jackson.databind.json.JsonMapper;

/**
 * MQTT as a whole: the connection, the state publisher and the command runner. Starts after the plugins and the
 * render loop and stops before them. Commands run one at a time on their own thread (never on the network thread,
 * since an action may load a plugin or write to disk); at most {@link #QUEUE} wait, and more are refused with 503.
 */
final class MqttService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttService.class);
    static final int QUEUE = 64;
    /** How long after connecting retained messages of an earlier run are looked for. */
    static final Duration SCAN = Duration.ofSeconds(3);

    private final Topics topics;
    private final MqttConnection connection;
    private final StatePublisher publisher;
    private final Commands commands;
    private final JsonMapper json;
    private final ThreadPoolExecutor commandRunner;
    private volatile boolean running;

    MqttService(Topics topics, MqttConnection connection, StatePublisher publisher, Commands commands,
            JsonMapper json) {
        this.topics = topics;
        this.connection = connection;
        this.publisher = publisher;
        this.commands = commands;
        this.json = json;
        this.commandRunner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                Thread.ofPlatform().name("mqtt-commands").daemon(true).factory());
    }

    @Override
    public void start() {
        publisher.start();
        connection.start(this::received, this::connected);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        commandRunner.shutdown();
        try {
            commandRunner.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.stop();
        connection.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the render loop (PluginRuntime.PHASE + 1): starts last, stops first. */
    @Override
    public int getPhase() {
        return PluginRuntime.PHASE + 2;
    }

    MqttConnection.Status status() {
        return connection.status();
    }

    Topics topics() {
        return topics;
    }

    private void connected() {
        connection.subscribe(topics.displayCommands());
        connection.subscribe(topics.pluginCommands());
        connection.subscribe(topics.homeAssistantStatus());
        // Retained configs and states of an earlier run: those no longer wanted (a plugin deleted while the service
        // was down) are deleted by the publisher. Live messages on these topics are our own, so the look is brief.
        connection.subscribe(topics.ownDiscoveryConfigs());
        connection.subscribe(topics.ownPluginStates());
        CompletableFuture.delayedExecutor(SCAN.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            connection.unsubscribe(topics.ownDiscoveryConfigs());
            connection.unsubscribe(topics.ownPluginStates());
        });
        publisher.wake(); // it sees the new connection and publishes everything again
    }

    /** On the network thread: sorts the message and hands commands to the command thread. Never throws. */
    private void received(MqttConnection.Received message) {
        String topic = message.topic();
        if (topic.equals(topics.homeAssistantStatus())) {
            if ("online".equals(new String(message.payload(), StandardCharsets.UTF_8).strip())) {
                log.info("MQTT: Home Assistant (re)started; publishing discovery and state again");
                publisher.resendAll();
            }
            return;
        }
        if (isOwnRetainedState(topic)) {
            if (message.retained() && message.payload().length > 0) {
                publisher.foundOnBroker(topic);
            }
            return;
        }
        if (message.retained()) {
            // Stored on the broker by someone who published with the retain flag: it would run again on every
            // reconnect, so it is not run at all.
            publishResult(CommandResult.problem(topic, null, null, 400, "retained commands are not carried out; "
                    + "publish without the retain flag (and clear this one with an empty retained message)"));
            return;
        }
        try {
            commandRunner.execute(() -> publishResult(commands.handle(topic, message.payload())));
        } catch (RejectedExecutionException e) {
            publishResult(CommandResult.problem(topic, null, null, 503,
                    "too many commands waiting (" + QUEUE + "); try again shortly"));
        }
    }

    private boolean isOwnRetainedState(String topic) {
        String[] levels = topic.split("/", -1);
        if (topic.startsWith(topics.discoveryPrefix() + "/") && topic.endsWith("/config")) {
            int prefixLevels = topics.discoveryPrefix().split("/", -1).length;
            return levels.length == prefixLevels + 4 && levels[prefixLevels + 1].equals(topics.deviceId());
        }
        String relative = topics.relative(topic);
        return relative != null && relative.startsWith("plugin/") && relative.endsWith("/state")
                && relative.split("/", -1).length == 3;
    }

    private void publishResult(CommandResult result) {
        if (!result.ok()) {
            log.info("MQTT command on {} refused ({}): {}", result.topic(), result.status(), result.message());
        }
        connection.publish(topics.result(), json.writeValueAsString(result), false);
    }
}
