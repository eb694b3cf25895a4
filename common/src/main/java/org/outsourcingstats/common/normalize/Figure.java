package org.outsourcingstats.common.normalize;

import java.io.Serializable;
import java.util.Map;

/**
 * One published figure cut out of a raw row, as fields of the {@code observations} shape by
 * canonical column.
 *
 * @param label where in the row the figure stands (a yearbook column, a bulletin figure's index),
 *     or null when the row is the figure
 */
public record Figure(String label, Map<String, String> fields) implements Serializable {}
