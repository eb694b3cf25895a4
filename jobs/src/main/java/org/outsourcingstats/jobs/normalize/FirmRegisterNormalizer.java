package org.outsourcingstats.jobs.normalize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.outsourcingstats.common.landing.Shape;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.Tables;

/** The firm register into {@code firm_observations}: one row per firm, year and sector. */
final class FirmRegisterNormalizer implements ShapeNormalizer {
  private static final List<String> OWNED =
      List.of(
          "firm_name",
          "entity_code",
          "entity_name",
          "revenue",
          "reported_revenue",
          "reported_unit",
          "fx_rate",
          "employees",
          "fortune500",
          "source_file",
          "source_line",
          "batch_id");
  private static final List<String> COMPARED =
      List.of("firm_name", "revenue", "employees", "fortune500");

  private final PipelineContext context;

  FirmRegisterNormalizer(PipelineContext context) {
    this.context = context;
  }

  @Override
  public Set<Shape> shapes() {
    return Set.of(Shape.FIRMS);
  }

  @Override
  public Dataset<Row> classify(String batch, Dataset<Row> raw) {
    return raw.flatMap(
        new FirmClassifier(context.vocabulary(), context.config().currentYear()),
        Encoders.row(FirmClassifier.SCHEMA));
  }

  @Override
  public Outcomes outcomes(Dataset<Row> classified, BatchPositions positions) {
    Column sameness =
        concat_ws(
            "|",
            col("firm_name"),
            col("entity_code"),
            col("revenue").cast("string"),
            col("employees").cast("string"),
            col("fortune500").cast("string"));
    return Outcomes.of(classified, Tables.FIRM_OBSERVATIONS.key(), sameness, positions.ofLine());
  }

  @Override
  public void write(String batch, Outcomes outcomes) {
    FirmObservations.merge(context, outcomes.acceptedRows(), OWNED, COMPARED).execute();
  }
}
