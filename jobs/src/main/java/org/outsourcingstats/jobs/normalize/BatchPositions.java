package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import java.util.HashMap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * A row's position in its batch, for the first-of-its-key rule of {@link
 * NormalizeJob#withOutcomes}: its file's rank among the batch's files (by name), then its line,
 * then for figures its place within the line. The file is ranked rather than named so that the key
 * aggregation carries a number, not a path, for each of the batch's rows.
 */
final class BatchPositions {
  /** Lines of a file below 2^40 (a trillion) fit under the file's rank in one long. */
  private static final long LINES_PER_FILE = 1L << 40;

  private final UserDefinedFunction rank;

  BatchPositions(List<String> files) {
    HashMap<String, Integer> ranks = new HashMap<>();
    files.stream().sorted().forEach(file -> ranks.put(file, ranks.size()));
    this.rank = udf((UDF1<String, Integer>) ranks::get, DataTypes.IntegerType);
  }

  /**
   * For shapes of one row a line (contracts, firms): one number, so the aggregation's buffer is
   * fixed-width.
   */
  Column ofLine() {
    return rank.apply(col("source_file"))
        .cast("long")
        .multiply(LINES_PER_FILE)
        .plus(col("source_line"));
  }

  /**
   * For figures, several to a line (a yearbook row, a bulletin object): file, line and {@code
   * source_item}.
   */
  Column ofItem() {
    return struct(rank.apply(col("source_file")), col("source_line"), col("source_item"));
  }
}
