package org.outsourcingstats.jobs.normalize;

import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.landing.Shape;

/**
 * How the raw rows of one kind of input become silver rows: {@link NormalizeJob} hands each
 * normalizer the rows of a batch in its shapes, resolves their outcomes ({@link Outcomes}:
 * accepted, quarantined or duplicate), lets it write the accepted ones, and quarantines the rest of
 * every shape in one write. Adding an input shape is one class of this interface and a vocabulary
 * entry.
 */
interface ShapeNormalizer {
  /** The landing shapes whose raw rows this normalizer takes. */
  Set<Shape> shapes();

  /**
   * Batch {@code batch}'s raw rows of {@link #shapes()} ({@code raw_rows} columns), classified:
   * each with its typed columns or its rejection ({@code reason_code}, {@code reason}; both NULL
   * for a valid row), and the provenance that quarantine keeps ({@code shape}, {@code source_file},
   * {@code source_line}, {@code raw}, {@code batch_id}). Lazy: nothing is read until the outcomes
   * are resolved.
   */
  Dataset<Row> classify(String batch, Dataset<Row> raw);

  /**
   * The outcomes of the classified rows: {@link Outcomes#of} on the shape's key within a batch,
   * what makes two rows of a key the same, and the rows' order in the batch ({@code positions}).
   */
  Outcomes outcomes(Dataset<Row> classified, BatchPositions positions);

  /** Writes the accepted rows of {@code batch}; called only when there are some. */
  void write(String batch, Outcomes outcomes);
}
