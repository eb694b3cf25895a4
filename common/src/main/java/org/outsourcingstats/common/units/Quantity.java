package org.outsourcingstats.common.units;

import java.io.Serializable;
import java.math.BigDecimal;
import org.outsourcingstats.common.vocab.UnitToken;

/**
 * A published figure read from its value and unit text: the number multiplied by its scale words,
 * and the unit word.
 *
 * @param amount the number times every scale word (1.8 billion: 1800000000)
 * @param unit the unit word, or null when the text names only a scale or nothing
 * @param approximate whether the value was written as approximate (约, about, ~)
 */
public record Quantity(BigDecimal amount, UnitToken unit, boolean approximate)
    implements Serializable {}
