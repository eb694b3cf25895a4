package org.outsourcingstats.jobs.tables;

import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.actions.AddFile;
import org.apache.spark.sql.execution.datasources.FileStatusCache;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.InMemoryFileIndex;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.jobs.compat.SparkApi;
import scala.Option;
import scala.collection.immutable.Map$;

/**
 * The rows of a Delta table's latest version read as the plain Parquet files they are, from the
 * file list of its latest checksum, when nothing but the files decides what the table holds: no
 * partition columns, no deletion vectors, no column mapping. Spark then plans an ordinary Parquet
 * scan over exactly those files, with the table's schema and the files' sizes and times from the
 * log, so nothing is listed; Delta's own relation over the same files ({@code
 * DeltaLog.createDataFrame}) first turns them into a DataFrame to match partitions, and building
 * its encoder is about a second of a fresh process's first query.
 */
final class PlainParquetScan {
  private PlainParquetScan() {}

  /** The table's rows as plain Parquet; empty when the files alone would not say them. */
  static Optional<Dataset<Row>> of(SparkSession spark, TableLog log) {
    Optional<List<AddFile>> files = LoggedValues.plainFiles(log);
    if (files.isEmpty()) {
      return Optional.empty();
    }
    StructType schema = log.snapshot().metadata().schema().asNullable();
    Path root = log.log().dataPath();
    FileStatus[] statuses =
        files.get().stream()
            .map(
                file ->
                    new FileStatus(
                        file.size(),
                        false,
                        1,
                        BLOCK_SIZE,
                        file.modificationTime(),
                        LoggedValues.dataFile(log, file)))
            .toArray(FileStatus[]::new);
    InMemoryFileIndex index =
        new InMemoryFileIndex(
            spark,
            SparkApi.seq(List.of(root)),
            Map$.MODULE$.empty(),
            Option.apply(schema),
            new ListedFiles(root, statuses),
            Option.empty(),
            Option.empty());
    return Optional.of(
        spark.baseRelationToDataFrame(
            new HadoopFsRelation(
                index,
                index.partitionSchema(),
                schema,
                Option.empty(),
                new ParquetFileFormat(),
                Map$.MODULE$.empty(),
                spark)));
  }

  /** The block size a file status reports; Spark splits files by its own setting, not by this. */
  private static final long BLOCK_SIZE = 128L << 20;

  /**
   * The file index's listing of the table's folder, answered from the log: this scan's own cache,
   * never the session's, which other reads of the folder share.
   */
  private static final class ListedFiles extends FileStatusCache {
    private final Path root;
    private final FileStatus[] files;

    ListedFiles(Path root, FileStatus[] files) {
      this.root = root;
      this.files = files;
    }

    @Override
    public Option<FileStatus[]> getLeafFiles(Path path) {
      return path.equals(root) ? Option.apply(files) : Option.empty();
    }

    @Override
    public void putLeafFiles(Path path, FileStatus[] leafFiles) {}

    @Override
    public void invalidateAll() {}
  }
}
