package dev.ledmatrix.display;

/** Frames per second over the last second, from a ring of frame times. Written by one thread, read by any. */
final class FrameRate {

    private static final long WINDOW = 1_000_000_000L;
    private final long[] times = new long[512];
    private volatile long next; // a long: an int would overflow after 2.3 years at 30 fps and break the ring index

    void tick(long nanos) {
        times[(int) Math.floorMod(next, (long) times.length)] = nanos;
        next = next + 1;
    }

    /** Frames whose time lies within the second before {@code now}. */
    double perSecond(long now) {
        long n = next;
        int count = 0;
        for (long i = 1; i <= Math.min(n, times.length); i++) {
            if (now - times[(int) Math.floorMod(n - i, (long) times.length)] < WINDOW) {
                count++;
            } else {
                break;
            }
        }
        return count;
    }
}
