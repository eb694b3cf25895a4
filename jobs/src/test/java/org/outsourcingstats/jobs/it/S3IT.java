package org.outsourcingstats.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.PipelineFixture;

/**
 * The landing folder and the warehouse on S3, through Hadoop's S3A file system, against a local S3
 * API server (s3proxy on 127.0.0.1, its file-system backend): every step, a query by name, a rerun
 * that changes nothing, and {@code maintain}. The launcher takes S3A because the paths are {@code
 * s3a://}; the endpoint and credentials are Spark settings given as spark-submit takes them.
 */
class S3IT {
  private static final String IDENTITY = "pipeline-test";
  private static final String CREDENTIAL = "pipeline-test-secret";
  private static final String BUCKET = "outsourcing";
  private static final List<String> DATA_TABLES =
      List.of(
          "raw_rows",
          "observations",
          "firm_observations",
          "quarantine",
          "batches",
          "growth",
          "concentration",
          "targets");

  @TempDir static Path work;
  private static Process server;
  private static int port;

  @BeforeAll
  static void startS3() throws IOException {
    String jar = System.getProperty("s3proxy.jar");
    assertThat(jar).as("the s3proxy jar (mvn verify -Pintegration-tests copies it)").isNotNull();
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Path blobs = Files.createDirectories(work.resolve("blobs").resolve(BUCKET));
    Path properties =
        Files.writeString(
            work.resolve("s3proxy.conf"),
            String.join(
                "\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs.getParent(),
                ""));
    server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("s3proxy.log").toFile())
            .start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!listening()) {
      assertThat(server.isAlive()).as("s3proxy is running").isTrue();
      assertThat(Instant.now()).as("s3proxy listening on %d", port).isBefore(deadline);
      Launcher.sleep(Duration.ofMillis(200));
    }
  }

  @AfterAll
  static void stopS3() {
    if (server != null) {
      server.destroy();
    }
  }

  private static boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The S3A settings of the local server, by Hadoop key. */
  private static Map<String, String> s3a() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.endpoint", "http://127.0.0.1:" + port);
    settings.put("fs.s3a.path.style.access", "true");
    settings.put("fs.s3a.connection.ssl.enabled", "false");
    settings.put("fs.s3a.access.key", IDENTITY);
    settings.put("fs.s3a.secret.key", CREDENTIAL);
    // S3A would delete the directory markers above every file it writes; on s3proxy's file-system
    // backend each such delete takes seconds, and the run minutes more.
    settings.put("fs.s3a.directory.marker.retention", "keep");
    return settings;
  }

  /** {@code scripts/pipeline} with the S3A settings as spark-submit's {@code --conf}. */
  private static Launcher.Finished pipeline(String... args) {
    List<String> command = new ArrayList<>();
    s3a()
        .forEach(
            (key, value) -> command.addAll(List.of("--conf", "spark.hadoop." + key + "=" + value)));
    command.addAll(List.of(args));
    return Launcher.pipeline(work.resolve("logs"), command.toArray(String[]::new));
  }

  private static String uri(String path) {
    return "s3a://" + BUCKET + "/" + path;
  }

  @Test
  void theSampleLandedFromS3IntoAWarehouseOnS3RunsIsQueriedRerunAndMaintained() throws IOException {
    Configuration hadoop = new Configuration();
    s3a().forEach(hadoop::set);
    try (FileSystem s3 = FileSystem.newInstance(URI.create(uri("")), hadoop)) {
      s3.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(PipelineFixture.sample().toUri()),
          new org.apache.hadoop.fs.Path(uri("landing")));
      String[] paths = {"--landing", uri("landing"), "--warehouse", uri("warehouse")};

      Launcher.Finished run = pipeline(concat("run", paths)).assertSucceeded();
      assertThat(run.stderr()).contains("5 new file(s)").doesNotContain("quarantined whole (");
      assertThat(
              s3.exists(
                  new org.apache.hadoop.fs.Path(
                      uri(
                          "warehouse/outsourcing.db/observations/_delta_log/00000000000000000000.json"))))
          .as("the tables' Delta logs are in the bucket")
          .isTrue();
      // The article: Dalian's service-outsourcing export revenue in 2010 was $1.8 billion.
      String dalian =
          "SELECT value FROM outsourcing.observations WHERE entity_code = '210200' AND year = 2010 "
              + "AND indicator = 'executed_value' AND market = 'OFFSHORE' AND status = 'A'";
      assertThat(
              pipeline(concat("sql", paths, "--format", "csv", dalian)).assertSucceeded().stdout())
          .isEqualTo("value\n1800000000.000000\n");
      Map<String, Long> versions = versions(paths);

      Launcher.Finished rerun = pipeline(concat("run", paths)).assertSucceeded();
      assertThat(rerun.stderr()).contains("0 new file(s), 5 already landed");
      assertThat(versions(paths)).as("a rerun changes no table").isEqualTo(versions);

      pipeline(concat("maintain", paths)).assertSucceeded();
      assertThat(
              pipeline(concat("sql", paths, "--format", "csv", dalian)).assertSucceeded().stdout())
          .isEqualTo("value\n1800000000.000000\n");
    }
  }

  /** Each data table's Delta version, as {@code status} prints it. */
  private static Map<String, Long> versions(String[] paths) {
    String status = pipeline(concat("status", paths)).assertSucceeded().stdout();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String table : DATA_TABLES) {
      Matcher version = Pattern.compile("outsourcing\\." + table + " +\\| (\\d+) ").matcher(status);
      assertThat(version.find()).as("status shows %s:%n%s", table, status).isTrue();
      versions.put(table, Long.parseLong(version.group(1)));
    }
    return versions;
  }

  private static String[] concat(String command, String[] paths, String... more) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.addAll(List.of(paths));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
