package dev.ledmatrix.plugin.spi;

import dev.ledmatrix.graphics.Canvas;

/**
 * One running plugin instance. The service calls {@link #update} on its own virtual thread, at most one at a
 * time, and {@link #render} on the render thread; the two may overlap, so share data between them safely
 * (for example through a volatile immutable value).
 */
public interface Plugin extends AutoCloseable {

    /**
     * Fetches or computes what to show. May block (network, files), but must respond to interruption: when
     * the update timeout passes, the thread is interrupted and the attempt counts as failed. Throwing counts as
     * a failed attempt too; the plugin stays enabled and is retried after its interval.
     */
    default void update(UpdateContext context) throws Exception {
    }

    /**
     * Draws the current frame. Must be fast (well under one frame period) and must not block; a render that
     * throws or overruns drops that frame, and three in a row take the plugin out of rotation for a while.
     */
    void render(Canvas canvas, RenderContext context);

    /**
     * Whether it has live content right now (a game in progress, a train about to leave). When its instance has
     * {@code livePriority}, live content interrupts the rotation: it stays on screen, taking turns with other live
     * plugins, until this turns false. Called about once a second, off the render thread, and given a fraction of
     * a second to answer; base it on what {@link #update} found, never fetch here. Default: never.
     */
    default boolean hasLiveContent() {
        return false;
    }

    /**
     * Whether what it shows has come to a natural end for this turn (a message has scrolled through once), judged
     * for the frame just rendered with {@code context}. While false, its turn lasts beyond its display duration, up
     * to its instance's {@code maxDisplayDuration} (default 180 s). Called right after each render, on the same
     * thread; must be fast. Default: always complete, so turns last their display duration.
     */
    default boolean isCycleComplete(RenderContext context) {
        return true;
    }

    /** Called when the instance becomes enabled (after creation, or when a user enables it). */
    default void onEnable() throws Exception {
    }

    /** Called when the instance is disabled. */
    default void onDisable() throws Exception {
    }

    /**
     * A new, already validated config. Return true if it was applied live; false (the default) to have the
     * service close this plugin and create a new one from the new config.
     */
    default boolean onConfigChange(PluginConfig config) throws Exception {
        return false;
    }

    /** Releases resources; called once, when the instance is removed, rebuilt or the service stops. */
    @Override
    default void close() throws Exception {
    }
}
