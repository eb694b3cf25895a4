package org.outsourcingstats.jobs.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.outsourcingstats.common.config.PipelineConfig;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.jobs.run.SparkSessions;

/**
 * Spark's own SQL front ends (the {@code spark-sql} CLI and the Thrift JDBC server), configured
 * like a pipeline session and handed the rest of the process. They live in {@code
 * spark-hive-thriftserver}, which the application jar does not bundle: {@code scripts/spark-sql}
 * and {@code scripts/thrift-server} put it on the classpath, as a Spark distribution built with
 * Hive support does. They are called by name so that the jar runs without them.
 */
enum SparkSqlFrontEnd {
  CLI(
      "org.apache.spark.sql.hive.thriftserver.SparkSQLCLIDriver",
      "spark-sql shell",
      "outsourcing-spark-sql"),
  THRIFT_SERVER(
      "org.apache.spark.sql.hive.thriftserver.HiveThriftServer2",
      "Thrift JDBC server",
      "outsourcing-thrift-server");

  private final String mainClass;
  private final String description;
  private final String appName;

  SparkSqlFrontEnd(String mainClass, String description, String appName) {
    this.mainClass = mainClass;
    this.description = description;
    this.appName = appName;
  }

  /**
   * Puts the pipeline's Spark settings where Spark's front end reads them (system properties, as
   * spark-submit does with its {@code --conf}) and runs its {@code main}. The CLI ends the process
   * itself; the Thrift server returns once it listens and serves from its own threads.
   */
  void run(PipelineConfig config, String master, List<String> arguments) {
    Method main = main();
    Map<String, String> settings = SparkSessions.settings(config, master, new SparkConf());
    settings.forEach(System::setProperty);
    System.setProperty("spark.app.name", appName);
    SparkSessions.prepareJvm(config);
    try {
      main.invoke(null, (Object) arguments.toArray(String[]::new));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(mainClass + ".main is not accessible", e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
  }

  private Method main() {
    try {
      return Class.forName(mainClass).getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
      throw Errors.sparkSqlFrontEndMissing(description, mainClass);
    }
  }
}
