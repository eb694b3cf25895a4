package org.outsourcingstats.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.outsourcingstats.common.config.PipelineConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code thrift-server}: Spark's Thrift JDBC server over the pipeline's catalog, in the foreground.
 */
@Command(
    name = "thrift-server",
    mixinStandardHelpOptions = true,
    description = {
      "Spark's Thrift JDBC/ODBC server (HiveThriftServer2, the HiveServer2 protocol) over the pipeline's tables, "
          + "with the same warehouse, metastore and Delta settings as every other command. It listens on "
          + "127.0.0.1:10000 (clients: jdbc:hive2://127.0.0.1:10000/<database>, e.g. beeline) and runs until it is "
          + "stopped; scripts/thrift-server start|stop|status|beeline runs it in the background and adds its jars.",
      "",
      "Other arguments go to the server: --hiveconf hive.server2.thrift.port=N, "
          + "--hiveconf hive.server2.thrift.bind.host=HOST (binding beyond loopback exposes the tables without "
          + "authentication).",
      "",
      "The server holds the warehouse lock until it stops: a pipeline run on the same warehouse waits for it."
    })
public final class ThriftServerCommand implements Callable<Integer> {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ThriftServerCommand.class);
  static final String BIND_HOST = "hive.server2.thrift.bind.host";
  static final String PORT = "hive.server2.thrift.port";

  @Mixin CommonOptions common;

  @Unmatched List<String> serverArguments = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    PipelineConfig config = common.config();
    SparkSqlFrontEnd.THRIFT_SERVER.run(
        config, common.master(), withLoopbackDefaults(serverArguments));
    LOG.info(
        "Thrift JDBC server listening on jdbc:hive2://{}:{}/{} (warehouse {}); stop it with SIGTERM",
        System.getProperty(BIND_HOST),
        System.getProperty(PORT),
        config.database(),
        config.warehouse());
    SparkSession spark = SparkSession.getDefaultSession().get();
    while (!spark.sparkContext().isStopped()) {
      Thread.sleep(1000);
    }
    return 0;
  }

  /**
   * The server's arguments after loopback defaults: HiveServer2 turns every {@code --hiveconf} into
   * a system property, a later one replacing an earlier one, so the caller's own settings win.
   */
  static List<String> withLoopbackDefaults(List<String> arguments) {
    List<String> all =
        new ArrayList<>(
            List.of("--hiveconf", BIND_HOST + "=127.0.0.1", "--hiveconf", PORT + "=10000"));
    all.addAll(arguments);
    return all;
  }
}
