package org.outsourcingstats.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.jobs.run.SparkSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code config}: every effective setting and where its value comes from, as {@code spark-submit
 * --verbose} shows Spark's. Starts no Spark session: the Spark settings are those spark-submit
 * passed to this process, with the pipeline's filled in by the same precedence a session uses.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Show every effective setting with where its value comes from: the pipeline's (command line over "
          + "--config-file over defaults), then the Spark session's (what the pipeline requires, then "
          + "--set pipeline.spark.\"spark.x\", then spark-submit's --conf or spark-defaults.conf, then the "
          + "pipeline's files, which only fill what was not set)."
    })
public final class ConfigCommand implements Callable<Integer> {
  private static final String[] COLUMNS = {"scope", "setting", "value", "from"};

  @Mixin CommonOptions common;

  @Mixin PrintFormat output;

  @Override
  public Integer call() {
    PipelineConfig config = common.config();
    List<Row> rows = new ArrayList<>();
    for (PipelineConfig.Setting setting : config.settings()) {
      // The Spark ones are shown below as the session gets them.
      if (!setting.key().startsWith("pipeline.spark.")) {
        rows.add(
            RowFactory.create(
                "pipeline", setting.key(), setting.value(), setting.origin().description()));
      }
    }
    for (SparkSettings.Setting setting :
        SparkSettings.of(config, common.master(), new SparkConf())) {
      rows.add(RowFactory.create("spark", setting.key(), setting.value(), setting.origin()));
    }
    ResultPrinter.print(COLUMNS, rows, output.format, System.out);
    return 0;
  }
}
