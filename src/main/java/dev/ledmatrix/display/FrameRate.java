package dev.ledmatrix.display;

/** Frames per second over the last second, from a ring of frame times. Written by one thread, read by any. */
final class FrameRate {

    private static final long WINDOW = 1_000_000_000L;
    private final long[] times = new long[512];
    private volatile int next;

    void tick(long nanos) {
        times[next % times.length] = nanos;
        next = next + 1;
    }

    double perSecond(long now) {
        int n = next;
        int count = 0;
        for (int i = 1; i <= Math.min(n, times.length); i++) {
            if (now - times[Math.floorMod(n - i, times.length)] <= WINDOW) {
                count++;
            } else {
                break;
            }
        }
        return count;
    }
}
