package dev.ledmatrix.display;

import java.util.List;

/**
 * The rotation order.
 *
 * @param order plugin ids shown first, in this order; the others follow by id
 */
public record RotationOrder(List<String> order) {

    public RotationOrder {
        order = order == null ? List.of() : List.copyOf(order);
    }
}
