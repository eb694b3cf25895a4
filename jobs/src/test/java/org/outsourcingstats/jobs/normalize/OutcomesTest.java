package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;

/**
 * How {@link Outcomes#of} marks the rows of a batch and counts them, on cases worked out by hand.
 */
@ExtendWith(SharedSpark.class)
class OutcomesTest {
  private static final StructType CLASSIFIED =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("value", DataTypes.StringType)
          .add("source_file", DataTypes.StringType)
          .add("source_line", DataTypes.LongType)
          .add("source_item", DataTypes.IntegerType)
          .add("reason_code", DataTypes.StringType)
          .add("reason", DataTypes.StringType);

  private static Row row(
      String id, String value, String file, long line, int item, String reasonCode) {
    return RowFactory.create(
        id, value, file, line, item, reasonCode, reasonCode == null ? null : "why");
  }

  private static Outcomes outcomes(List<Row> rows) {
    Dataset<Row> classified = SharedSpark.spark().createDataFrame(rows, CLASSIFIED);
    return Outcomes.of(
        classified,
        List.of("id"),
        col("value"),
        struct(col("source_file"), col("source_line"), col("source_item")));
  }

  private static Map<String, String> outcomeByRow(Outcomes outcomes) {
    return outcomes.rows().collectAsList().stream()
        .collect(
            Collectors.toMap(
                r ->
                    r.getAs("source_file")
                        + ":"
                        + r.getAs("source_line")
                        + "."
                        + r.getAs("source_item"),
                r ->
                    r.getAs(Outcomes.COLUMN)
                        + (r.getAs("reason_code") == null ? "" : " " + r.getAs("reason_code"))));
  }

  /** Read, accepted, quarantined, duplicate. */
  private static List<Long> counts(Outcomes outcomes) {
    return List.of(
        outcomes.read(), outcomes.accepted(), outcomes.quarantined(), outcomes.duplicate());
  }

  @Test
  void exactCopiesKeepTheFirstRowInFileLineAndItemOrder() {
    Outcomes outcomes =
        outcomes(
            List.of(
                row("A", "1", "b.csv", 2, 0, null),
                row("A", "1", "a.csv", 9, 0, null),
                row("A", "1", "a.csv", 3, 1, null),
                row("A", "1", "a.csv", 3, 0, null), // the first: a.csv, line 3, item 0
                row("B", "7", "a.csv", 4, 0, null)));

    assertThat(outcomeByRow(outcomes))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "a.csv:3.0",
                "accepted",
                "a.csv:3.1",
                "duplicate",
                "a.csv:9.0",
                "duplicate",
                "b.csv:2.0",
                "duplicate",
                "a.csv:4.0",
                "accepted"));
    assertThat(counts(outcomes)).containsExactly(5L, 2L, 0L, 3L);
  }

  @Test
  void differentValuesForOneKeyQuarantineEveryRowOfTheKey() {
    Outcomes outcomes =
        outcomes(
            List.of(
                row("A", "1", "a.csv", 2, 0, null),
                row("A", "1", "a.csv", 3, 0, null),
                row("A", "2", "a.csv", 4, 0, null),
                row("B", "1", "a.csv", 5, 0, null)));

    assertThat(outcomeByRow(outcomes))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "a.csv:2.0",
                "quarantined CONFLICTING_DUPLICATE",
                "a.csv:3.0",
                "quarantined CONFLICTING_DUPLICATE",
                "a.csv:4.0",
                "quarantined CONFLICTING_DUPLICATE",
                "a.csv:5.0",
                "accepted"));
    assertThat(counts(outcomes)).containsExactly(4L, 1L, 3L, 0L);
  }

  @Test
  void aRejectedRowNeitherRepeatsNorConflictsWithAValidRowOfItsKey() {
    Outcomes outcomes =
        outcomes(
            List.of(
                row(
                    "A",
                    "1",
                    "a.csv",
                    2,
                    0,
                    "INVALID_VALUE"), // first in order, but rejected: A's valid row stands alone
                row("A", "2", "a.csv", 3, 0, null),
                row("A", "2", "a.csv", 4, 0, "NEGATIVE_VALUE"),
                row(null, null, "a.csv", 5, 0, "MISSING_FIELD"),
                row(null, null, "a.csv", 6, 0, "MISSING_FIELD")));

    assertThat(outcomeByRow(outcomes))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "a.csv:2.0",
                "quarantined INVALID_VALUE",
                "a.csv:3.0",
                "accepted",
                "a.csv:4.0",
                "quarantined NEGATIVE_VALUE",
                "a.csv:5.0",
                "quarantined MISSING_FIELD",
                "a.csv:6.0",
                "quarantined MISSING_FIELD"));
    assertThat(counts(outcomes)).containsExactly(5L, 1L, 4L, 0L);
  }

  @Test
  void anEmptyBatchCountsNothing() {
    Outcomes outcomes = outcomes(List.of());

    assertThat(outcomes.rows().count()).isZero();
    assertThat(counts(outcomes)).containsExactly(0L, 0L, 0L, 0L);
  }
}
