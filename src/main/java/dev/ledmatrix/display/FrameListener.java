package dev.ledmatrix.display;

import dev.ledmatrix.graphics.Frame;

/** Told of every new frame the display shows. Called on the render thread: hand the frame on, never block. */
@FunctionalInterface
public interface FrameListener {

    void onFrame(Frame frame, long sequence);
}
