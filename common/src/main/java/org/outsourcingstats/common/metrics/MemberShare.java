package org.outsourcingstats.common.metrics;

import java.io.Serializable;

/** A named member of a market and its share of the total, as a fraction (0.8 for 80%). */
public record MemberShare(String member, double share) implements Serializable {}
