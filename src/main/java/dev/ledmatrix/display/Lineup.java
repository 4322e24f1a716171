package dev.ledmatrix.display;

import java.time.Instant;
import java.util.List;

/** What the screen planner needs to know about the plugins at one instant. */
interface Lineup extends Rotation.Turns {

    /** Instance ids in rotation order. */
    List<String> order();

    /** Can render now: enabled, not cooling down after failed renders. */
    boolean renderable(String id, Instant now);

    /** Its {@code activeWindows} allow it now. */
    boolean inWindow(String id, Instant now);

    /** It has live priority and says it has live content now. */
    boolean live(String id);
}
