package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.jobs.register.ContractClassifier;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.CommitNotes;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.PipelineTables;
import org.outsourcingstats.jobs.tables.Tables;
import org.outsourcingstats.jobs.tables.TypedLanding;

/**
 * The contracts register, the large input, into the silver {@code contracts} table keyed by {@code
 * contract_id}, and summed into observations and firm figures ({@link ContractSums}). Ingest typed
 * and checked its rows as it landed them ({@link ContractClassifier}); they are read from those
 * columns.
 *
 * <p>The register is never cached: each use reads the batch's raw rows again, which costs less than
 * writing and reading a cache (at 10 M rows a disk cache cost more than a minute, and in memory it
 * ran a 1 GiB driver out of heap). Its rows are read three times: for the repeated keys and the
 * counts, to merge the accepted, and to quarantine the rejected when there are any.
 */
final class ContractRegisterNormalizer implements ShapeNormalizer {

  private final PipelineContext context;

  /** The batches landed before typed landing and not normalised then: read once, when needed. */
  private Set<String> untypedBatches;

  ContractRegisterNormalizer(PipelineContext context) {
    this.context = context;
  }

  @Override
  public Set<Shape> shapes() {
    return Set.of(Shape.CONTRACTS);
  }

  /**
   * The contract rows classified: the {@code contracts} columns, {@code shape}, {@code raw}, and
   * the rejection; read from the columns ingest typed them into, or, for a batch landed before
   * typed landing, parsed and checked from their text ({@link ContractClassifier}).
   */
  @Override
  public Dataset<Row> classify(String batch, Dataset<Row> raw) {
    if (untypedBatches == null) {
      untypedBatches = TypedLanding.untypedBatches(context.tables());
    }
    return new ContractClassifier(context).classified(raw, !untypedBatches.contains(batch));
  }

  @Override
  public Outcomes outcomes(Dataset<Row> classified, BatchPositions positions) {
    return Outcomes.of(classified, Tables.CONTRACTS.key(), col("raw"), positions.ofLine());
  }

  @Override
  public void write(String batch, Outcomes outcomes) {
    new ContractSums(context).write(batch, mergeContracts(batch, outcomes.acceptedRows()));
  }

  /**
   * Inserts new contracts and revises changed ones; returns the years whose sums the batch may have
   * changed.
   */
  ContractYears mergeContracts(String batchId, Dataset<Row> accepted) {
    Dataset<Row> rows = accepted.selectExpr(Tables.CONTRACTS.columns());
    if (context.tables().holdsNoRow(Tables.CONTRACTS)) {
      context.tables().append(Tables.CONTRACTS, rows);
      return new ContractYears(true, List.of());
    }
    // The batch is read once, to local disk (Delta copies a MERGE source that is not a plain table
    // scan anyway), so
    // that its range of ids and its years are known before the MERGE: the MERGE then skips the
    // table's files whose
    // contract_id statistics lie outside the range, and the sums skip the files of other years.
    // Registers number
    // contracts in order and are filed by year, so a new file rarely shares a data file with older
    // ones. (10 M
    // contracts and a file of 333,333 new ones: the MERGE's search for matches took 0.4 s instead
    // of 8.3 s, the sums
    // 1.2 s instead of 2.8 s.)
    Dataset<Row> batch = rows.persist(StorageLevel.DISK_ONLY());
    try {
      Row range = batch.agg(min("contract_id"), max("contract_id"), collect_set("year")).first();
      if (range.isNullAt(0)) {
        return new ContractYears(false, List.of());
      }
      String matches =
          Tables.CONTRACTS.mergeCondition()
              + " AND t.contract_id BETWEEN "
              + PipelineTables.literal(range.getString(0))
              + " AND "
              + PipelineTables.literal(range.getString(1));
      // The years the batch's contracts were signed in before, from the table, and noted in the
      // MERGE's commit: a run that stops between the MERGE and the sums finds them there when it
      // normalises the batch again, since the table no longer has them.
      SortedSet<Integer> years = new TreeSet<>(range.<Integer>getList(2));
      years.addAll(
          context
              .tables()
              .read(Tables.CONTRACTS)
              .as("t")
              .join(batch.as("s"), expr(matches), "left_semi")
              .select("year")
              .distinct()
              .as(Encoders.INT())
              .collectAsList());
      years.addAll(recordedYears(batchId));
      String changed =
          PipelineTable.anyChanged(
              Arrays.stream(Tables.CONTRACTS.columns())
                  .filter(c -> !c.equals("batch_id") && !c.equals("source_line"))
                  .toList());
      CommitNotes.with(
          context.spark(),
          yearsNote(batchId) + years,
          () ->
              context
                  .tables()
                  .merge(Tables.CONTRACTS, batch, matches)
                  .updateAllWhenMatched(changed)
                  .insertAllWhenNotMatched()
                  .execute());
      return new ContractYears(false, List.copyOf(years));
    } finally {
      batch.unpersist();
    }
  }

  /**
   * The note of the MERGE's commit, before its list of years; one of the batch's notes ({@link
   * HeldBatches}).
   */
  private static String yearsNote(String batchId) {
    return HeldBatches.note(batchId) + ": sums of years ";
  }

  /**
   * The years an earlier attempt at normalising {@code batchId} noted in the commit of its MERGE.
   */
  private List<Integer> recordedYears(String batchId) {
    String prefix = yearsNote(batchId);
    List<Integer> years = new ArrayList<>();
    for (String note :
        CommitNotes.startingWith(
            context.spark(), context.tables().name(Tables.CONTRACTS), prefix)) {
      String list = note.substring(prefix.length()).replaceAll("[\\[\\] ]", "");
      Arrays.stream(list.split(","))
          .filter(year -> !year.isEmpty())
          .map(Integer::valueOf)
          .forEach(years::add);
    }
    return years;
  }
}
