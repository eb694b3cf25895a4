package org.outsourcingstats.jobs.tables;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed landing of contracts registers in a warehouse written before it: {@code raw_rows} gains its
 * {@code contract} column in place, and the batches landed untyped that still wait for
 * normalisation are listed in the table property {@value #UNTYPED_BATCHES}, so that normalize reads
 * them from their text as before. Landed rows are never rewritten.
 */
public final class TypedLanding {
  private static final Logger LOG = LoggerFactory.getLogger(TypedLanding.class);

  /** The table property of {@code raw_rows} listing batches landed untyped, comma-separated. */
  public static final String UNTYPED_BATCHES = "pipeline.untyped-contract-batches";

  private static final String COLUMN = "contract";

  private TypedLanding() {}

  /** Adds the {@code contract} column to an existing {@code raw_rows} that lacks it. */
  static void migrate(PipelineTables tables) {
    TableLog log = tables.log(Tables.RAW_ROWS);
    if (Arrays.asList(log.snapshot().schema().fieldNames()).contains(COLUMN)) {
      return;
    }
    List<String> pending = tables.unnormalizedBatches();
    String table = tables.name(Tables.RAW_ROWS);
    // The list first: a run stopped between the two statements lists them again.
    tables
        .spark()
        .sql(
            "ALTER TABLE "
                + table
                + " SET TBLPROPERTIES ("
                + PipelineTables.literal(UNTYPED_BATCHES)
                + " = "
                + PipelineTables.literal(String.join(",", pending))
                + ")");
    tables
        .spark()
        .sql(
            "ALTER TABLE "
                + table
                + " ADD COLUMNS ("
                + Tables.RAW_ROWS.schema().apply(COLUMN).toDDL()
                + ")");
    LOG.warn(
        "raw_rows: column {} added for typed landing of contracts registers; {} batch(es) landed "
            + "before and not yet normalised are read from their text",
        COLUMN,
        pending.size());
  }

  /** The batches of {@code raw_rows} landed untyped and not normalised when typing came. */
  public static Set<String> untypedBatches(PipelineTables tables) {
    return tables
        .log(Tables.RAW_ROWS)
        .property(UNTYPED_BATCHES)
        .map(
            list ->
                Arrays.stream(list.split(","))
                    .filter(batch -> !batch.isBlank())
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }
}
