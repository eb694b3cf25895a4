package org.outsourcingstats.jobs.run;

import java.util.List;
import java.util.Locale;

/**
 * The steps of a run, in the order {@code run} executes them. A step's {@link #id()} names it
 * everywhere: its command, its rows in the {@code runs} table, and the Spark job group of every job
 * it runs (so Spark's UI and event log show which step ran which job).
 */
public enum Step {
  INGEST("Land new raw files into raw_rows (bronze); files already landed are skipped."),
  NORMALIZE(
      "Validate and normalise landed batches into observations and quarantine. A batch whose normalisation "
          + "fails is set aside (held_batches) and the others go on; release it with --retry-batch or --drop-batch."),
  GROWTH("Rebuild the growth table from observations."),
  CONCENTRATION(
      "Rebuild the concentration table (HHI bounds, ratios, bands) from observations and firm figures."),
  TARGETS("Rebuild the targets table: plans (status T) against actuals.");

  /** Every step, in the order {@code run} executes them. */
  public static final List<Step> ALL = List.of(values());

  private final String description;

  Step(String description) {
    this.description = description;
  }

  /** The step's name: its command, its {@code runs.job} and its Spark job group. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the step does, as its command's help says. */
  public String description() {
    return description;
  }

  @Override
  public String toString() {
    return id();
  }
}
