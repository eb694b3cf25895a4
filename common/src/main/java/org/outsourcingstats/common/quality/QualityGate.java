package org.outsourcingstats.common.quality;

import static org.outsourcingstats.common.error.Errors.checkArgument;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one run may quarantine before it fails its data-quality gate: a largest count and a largest
 * fraction of the rows normalize read, for all reasons together and for each reason code. A run
 * checks it after normalize, completes its writes, then exits with the gate's code naming every
 * limit exceeded (README, Exit codes). Without limits (the default) every run passes.
 *
 * <p>Immutable; the settings are {@code pipeline.quality-gate.*} ({@link #SETTING}).
 */
public final class QualityGate implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The settings' prefix. */
  public static final String SETTING = "pipeline.quality-gate";

  /** The key of a largest row count, overall and under each reason. */
  public static final String MAX_ROWS = "max-quarantined-rows";

  /** The key of a largest fraction of the rows read, overall and under each reason. */
  public static final String MAX_FRACTION = "max-quarantined-fraction";

  /**
   * A largest count and fraction of quarantined rows; {@code -1} and {@code 1.0} mean no limit.
   *
   * @param maxRows most quarantined rows allowed, or {@code -1}
   * @param maxFraction largest share of the rows read that may be quarantined, 0.0 to 1.0
   */
  public record Limit(long maxRows, double maxFraction) implements Serializable {
    /** No limit at all. */
    public static final Limit NONE = new Limit(-1, 1.0);

    public Limit {
      checkArgument(
          maxRows >= -1, "%s must be -1 (no limit) or at least 0, not %s", MAX_ROWS, maxRows);
      checkArgument(
          maxFraction >= 0.0 && maxFraction <= 1.0,
          "%s must lie between 0.0 and 1.0 (1.0: no limit), not %s",
          MAX_FRACTION,
          maxFraction);
    }
  }

  /**
   * The gate's verdict on one run.
   *
   * @param breaches one sentence per limit exceeded, naming the setting; empty when the run passed
   */
  public record Verdict(List<String> breaches) {
    public Verdict {
      breaches = List.copyOf(breaches);
    }

    public boolean passed() {
      return breaches.isEmpty();
    }
  }

  private static final QualityGate OPEN = new QualityGate(Limit.NONE, Map.of());

  private final Limit overall;
  private final EnumMap<ReasonCode, Limit> byReason;

  private QualityGate(Limit overall, Map<ReasonCode, Limit> byReason) {
    this.overall = overall;
    EnumMap<ReasonCode, Limit> copy = new EnumMap<>(ReasonCode.class);
    copy.putAll(byReason);
    this.byReason = copy;
  }

  /** A gate every run passes: today's behaviour, and the default. */
  public static QualityGate open() {
    return OPEN;
  }

  /** A gate with {@code overall} limits on all reasons together, and limits for some reasons. */
  public static QualityGate of(Limit overall, Map<ReasonCode, Limit> byReason) {
    return new QualityGate(overall, byReason);
  }

  /** Whether some limit is set: only then does a run count its quarantined rows by reason. */
  public boolean hasLimits() {
    return !overall.equals(Limit.NONE)
        || byReason.values().stream().anyMatch(limit -> !limit.equals(Limit.NONE));
  }

  /**
   * The verdict on a run that read {@code rowsRead} rows in normalize and quarantined {@code
   * quarantined} of them, counted by reason.
   */
  public Verdict check(long rowsRead, Map<ReasonCode, Long> quarantined) {
    List<String> breaches = new ArrayList<>();
    long total = quarantined.values().stream().mapToLong(Long::longValue).sum();
    breaches.addAll(breaches(overall, total, rowsRead, "", "quarantined rows"));
    byReason.forEach(
        (reason, limit) ->
            breaches.addAll(
                breaches(
                    limit,
                    quarantined.getOrDefault(reason, 0L),
                    rowsRead,
                    ".reasons." + reason.name(),
                    reason.name() + " rows")));
    return new Verdict(breaches);
  }

  private static List<String> breaches(
      Limit limit, long count, long rowsRead, String path, String what) {
    List<String> breaches = new ArrayList<>();
    if (limit.maxRows() >= 0 && count > limit.maxRows()) {
      breaches.add(
          String.format(
              "%d %s, more than %s%s.%s = %d",
              count, what, SETTING, path, MAX_ROWS, limit.maxRows()));
    }
    double fraction = rowsRead == 0 ? 0.0 : (double) count / rowsRead;
    if (fraction > limit.maxFraction()) {
      breaches.add(
          String.format(
              "%d %s of %d read (%.4f), more than %s%s.%s = %s",
              count, what, rowsRead, fraction, SETTING, path, MAX_FRACTION, limit.maxFraction()));
    }
    return breaches;
  }
}
