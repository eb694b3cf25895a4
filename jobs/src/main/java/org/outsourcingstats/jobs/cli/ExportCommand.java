package org.outsourcingstats.jobs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.export.ExportFormat;
import org.outsourcingstats.jobs.export.ExportedFile;
import org.outsourcingstats.jobs.export.SnapshotWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code export}: snapshots of tables or of a query as CSV, Parquet or JSON Lines files. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write snapshots of tables (--table, repeatable) or of a query (--query) for tools that cannot "
          + "read Delta: one file per table or query, <out>/<name>.csv, .parquet or .jsonl.",
      "Deterministic: columns in table (or query) order, rows sorted by every column from left to right, so two "
          + "exports of the same data are byte-identical; put the columns to sort by first. Lossless: DECIMAL "
          + "values as their exact digits (DECIMAL in Parquet), doubles as the shortest text that reads back the "
          + "same, no scientific notation, timestamps as ISO-8601 UTC instants.",
      "Each file is written beside its target and moved into place when complete. An existing file of the same "
          + "name is an error unless --overwrite; other files in the folder are left alone."
    })
public final class ExportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** What to export: tables or one query, never both. */
  static final class Source {
    @Option(
        names = "--table",
        paramLabel = "NAME",
        required = true,
        description =
            "A table of the pipeline's database (growth) or <database>.<table>; repeat for several.")
    List<String> tables;

    @Option(
        names = "--query",
        paramLabel = "SQL",
        required = true,
        description = "A query; its rows are exported as --name (default 'query').")
    String query;
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "csv",
      description = "csv (the default), parquet or json (JSON Lines, written as .jsonl).")
  ExportFormat format;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description =
          "Folder of the exported files (created if missing): a local path or a URI (hdfs://, s3a://).")
  String out;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "Base name of the file, for a query or one table (default: the table's name, or 'query').")
  String name;

  @Option(names = "--overwrite", description = "Replace an existing file of the same name.")
  boolean overwrite;

  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (name != null && !PipelineConfig.isIdentifier(name)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--name must be a plain name (letters, digits "
              + "and underscores, not starting with a digit), not '"
              + name
              + "'");
    }
    if (name != null && source.tables != null && source.tables.size() > 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--name names the file of one table or query; with several --table each file is named after its table");
    }
    String folder = PipelineConfig.absolute(out);
    try (CommonOptions.Session session = common.open(CommonOptions.Access.READ)) {
      SparkSession spark = session.context().spark();
      Map<String, Dataset<Row>> exports = new LinkedHashMap<>();
      Map<String, String> fileNames = new LinkedHashMap<>();
      if (source.query != null) {
        exports.put("query", session.query(source.query, "export"));
        fileNames.put("query", name != null ? name : "query");
      } else {
        for (String table : source.tables) {
          String qualified = qualify(table, session.context().config().database());
          requireTable(spark, qualified);
          String fileName = name != null ? name : qualified.substring(qualified.indexOf('.') + 1);
          for (Map.Entry<String, String> other : fileNames.entrySet()) {
            if (other.getValue().equals(fileName) && !other.getKey().equals(qualified)) {
              throw Errors.exportNameClash(
                  SnapshotWriter.target(folder, fileName, format), other.getKey(), qualified);
            }
          }
          exports.put(qualified, spark.table(qualified));
          fileNames.put(qualified, fileName);
        }
      }
      SnapshotWriter writer = new SnapshotWriter(spark);
      // Every export is checked before the first is written, so a bad name stops the batch before
      // any file.
      for (Map.Entry<String, Dataset<Row>> export : exports.entrySet()) {
        writer.check(
            export.getKey(),
            export.getValue(),
            folder,
            fileNames.get(export.getKey()),
            format,
            overwrite);
      }
      for (Map.Entry<String, Dataset<Row>> export : exports.entrySet()) {
        ExportedFile file =
            writer.write(
                export.getKey(),
                export.getValue(),
                folder,
                fileNames.get(export.getKey()),
                format,
                overwrite);
        System.out.println(
            "wrote "
                + file.location()
                + " ("
                + file.rows()
                + (file.rows() == 1 ? " row" : " rows")
                + " of "
                + export.getKey()
                + ")");
      }
    }
    return 0;
  }

  /**
   * {@code growth} as {@code <database>.growth}; each part must be an identifier, nothing else
   * reaches SQL.
   */
  static String qualify(String table, String database) {
    String[] parts = table.split("\\.", -1);
    if (parts.length > 2
        || !java.util.Arrays.stream(parts).allMatch(PipelineConfig::isIdentifier)) {
      throw Errors.notAnIdentifier("--table", table);
    }
    return parts.length == 2 ? table : database + "." + table;
  }

  private static void requireTable(SparkSession spark, String qualified) {
    if (spark.catalog().tableExists(qualified)) {
      return;
    }
    String database = qualified.substring(0, qualified.indexOf('.'));
    List<String> existing =
        spark.catalog().databaseExists(database)
            ? spark.sql("SHOW TABLES IN " + database).collectAsList().stream()
                .filter(row -> !row.getBoolean(row.fieldIndex("isTemporary")))
                .map(row -> row.getString(row.fieldIndex("tableName")))
                .sorted()
                .toList()
            : List.of();
    throw Errors.unknownTable(qualified, existing);
  }
}
