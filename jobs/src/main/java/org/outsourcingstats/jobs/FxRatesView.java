package org.outsourcingstats.jobs;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.delta.TableSchemas;

/** The FX reference rates as the temporary view {@code pipeline_fx_rates (year, cny_per_usd)} for SQL joins. */
final class FxRatesView {
  static final String NAME = "pipeline_fx_rates";

  private FxRatesView() {}

  static void register(PipelineContext context) {
    context.spark().createDataFrame(
        context.vocabulary().fxRates().values().stream()
            .map(rate -> RowFactory.create(rate.year(), rate.cnyPerUsd()))
            .toList(),
        new StructType().add("year", DataTypes.IntegerType).add("cny_per_usd", TableSchemas.FX_RATE))
        .createOrReplaceTempView(NAME);
  }
}
