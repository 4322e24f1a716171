package dev.ledmatrix.display;

/** A notification was refused because {@link Notifications#MAX_WAITING} are already waiting. */
public class NotificationQueueFull extends RuntimeException {

    public NotificationQueueFull(int waiting) {
        super(waiting + " notifications are already waiting to be shown; try again once they have been", null, false,
                false);
    }
}
