package org.outsourcingstats.jobs.vocab;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * The FX reference rates as the temporary view {@code pipeline_fx_rates (year, cny_per_usd)} for
 * SQL joins.
 */
public final class FxRatesView {
  public static final String NAME = "pipeline_fx_rates";

  private FxRatesView() {}

  public static void register(PipelineContext context) {
    context
        .spark()
        .createDataFrame(
            context.vocabulary().fxRates().values().stream()
                .map(rate -> RowFactory.create(rate.year(), rate.cnyPerUsd()))
                .toList(),
            new StructType().add("year", DataTypes.IntegerType).add("cny_per_usd", Tables.FX_RATE))
        .createOrReplaceTempView(NAME);
  }
}
