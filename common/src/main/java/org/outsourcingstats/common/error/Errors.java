package org.outsourcingstats.common.error;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Every user-facing error of the pipeline, built in one place so that each says what went wrong,
 * why, and how to fix it.
 *
 * <p>Size: One class on purpose: every message a user sees is built here, so that all of them say
 * what went wrong, why and how to fix it in one voice, and their tests sit together.
 */
public final class Errors {
  private Errors() {}

  /**
   * Throws when {@code condition} is false, with a message formatted from {@code template} and
   * {@code args}.
   */
  public static void checkArgument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(template, args));
    }
  }

  public static PipelineException referenceFileMissing(String name, String location) {
    return new PipelineException(
        String.format(
            "Reference data file '%s' was not found in %s. The vocabularies (entities, indicators, units, FX rates) are "
                + "required to normalise figures. Point pipeline.reference-dir at a folder holding %s, or leave it unset "
                + "to use the copy bundled in the jar.",
            name, location, name));
  }

  public static PipelineException referenceFileInvalid(String name, long line, String problem) {
    return new PipelineException(
        String.format(
            "Reference data file '%s' line %d is invalid: %s. Fix that line; each reference file is a CSV whose header "
                + "names its columns (see conf/reference/README.md).",
            name, line, problem));
  }

  public static PipelineException ambiguousAlias(
      String vocabulary, String alias, String first, String second) {
    return new PipelineException(
        String.format(
            "Reference vocabulary '%s' maps the name '%s' to both '%s' and '%s'. A name must identify one member; "
                + "remove the alias from one of the two rows.",
            vocabulary, alias, first, second));
  }

  public static PipelineException landingNotFound(String landing) {
    return new PipelineException(
        String.format(
            "The landing folder %s does not exist. Raw files are read from a sub-folder per shape "
                + "(e.g. %s/observations/*.csv). Pass an existing folder with --landing or set pipeline.landing.",
            landing, landing));
  }

  public static PipelineException landingUnreadable(String landing, Throwable cause) {
    return new PipelineException(
        String.format(
            "The landing folder %s could not be read: %s. Check the location, that its file system is reachable and "
                + "that this process may list it.",
            landing, cause(cause)),
        cause);
  }

  public static PipelineException databaseElsewhere(
      String database, String known, String configured) {
    return new PipelineException(
        String.format(
            "This Spark session already holds database %s at %s, not in the warehouse %s: the pipeline would write "
                + "into the other warehouse. A session serves one warehouse; start a new process (or a new notebook "
                + "kernel) for this one, or point --warehouse at the one the session uses.",
            database, known, configured));
  }

  public static PipelineException warehouseNotAFolder(String warehouse) {
    return new PipelineException(
        String.format(
            "The warehouse %s is a file, not a folder. The warehouse is the folder of the Delta tables; pass a folder "
                + "(an existing one, or one to create) with --warehouse or pipeline.warehouse.",
            warehouse));
  }

  public static PipelineException unknownSetting(String key, String nearest) {
    return new PipelineException(
        String.format(
            "Configuration '%s' is not a setting of the pipeline%s. Every setting is listed with its default in "
                + "common/src/main/resources/reference.conf; Spark settings go under pipeline.spark.\"spark.x.y\".",
            key, nearest == null ? "" : " (did you mean '" + nearest + "'?)"));
  }

  public static PipelineException writeNotAllowed(String command, String kind, String query) {
    return new PipelineException(
        String.format(
            "'%s' runs queries only (SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, EXPLAIN, USE; no reflect()), and "
                + "this statement (%s) could change the warehouse; nothing was run. Statement: %s. Run a statement that is meant to change tables with "
                + "'scripts/pipeline sql --allow-writes'.",
            command, kind, abbreviate(oneLine(query), 200)));
  }

  public static PipelineException batchNotHeld(String batch, java.util.Collection<String> held) {
    return new PipelineException(
        String.format(
            "Batch %s is not set aside. %s",
            batch,
            held.isEmpty()
                ? "No batch is set aside."
                : "The batches set aside are: "
                    + String.join(", ", held)
                    + " ('scripts/pipeline status' lists them)."));
  }

  public static PipelineException benchInputMissing(String what, String location, String fix) {
    return new PipelineException(
        String.format(
            "The benchmark job's %s was not found at %s. The bench jobs (floor, lean) read a generated contracts "
                + "register and the files under bench/ of the repository; %s.",
            what, location, fix));
  }

  public static PipelineException configInvalid(String key, String problem) {
    return new PipelineException(
        String.format(
            "Configuration '%s' is invalid: %s. Set it in the file given with --config-file or override it on the command line.",
            key, problem));
  }

  public static PipelineException sparkSettingAsConfigFile(String given) {
    return new PipelineException(
        String.format(
            "--conf %s names no configuration file: after the application's command, --conf is the former name of "
                + "--config-file FILE. Give Spark settings to spark-submit (or scripts/pipeline) before the command, "
                + "as --conf %s, or as --set pipeline.spark.\"%s\"=%s.",
            given,
            given,
            given.substring(0, given.indexOf('=')),
            given.substring(given.indexOf('=') + 1)));
  }

  public static PipelineException configFileMissing(Path file) {
    return new PipelineException(
        String.format(
            "The configuration file %s does not exist. Pass an existing HOCON file with --config-file (conf/local.conf is the "
                + "local default, conf/cluster.conf an example for clusters).",
            file));
  }

  public static PipelineException unsafeRetention(int hours, int safeHours) {
    return new PipelineException(
        String.format(
            "VACUUM with a retention of %d hours is below Delta's safety window of %d hours: files that older "
                + "snapshots and time travel (VERSION AS OF) still need, or that a concurrent run is writing, would be "
                + "deleted. Use --retain-hours %d or more, or pass --allow-unsafe-retention if you accept that.",
            hours, safeHours, safeHours));
  }

  public static PipelineException warehouseBusy(
      java.nio.file.Path warehouse, String holder, java.time.Duration waited) {
    return new PipelineException(
        String.format(
            "The warehouse %s is still being written by another pipeline process (%s) after waiting %d s. Writers "
                + "of one warehouse (run, a step, maintain, sql --allow-writes) take turns; wait for that process to "
                + "finish or stop it, or raise pipeline.lock-wait-seconds.",
            warehouse, holder.isEmpty() ? "unknown" : holder, waited.toSeconds()),
        null,
        ExitCode.CONCURRENT_WRITER);
  }

  public static PipelineException sparkSqlFrontEndMissing(String frontEnd, String mainClass) {
    return new PipelineException(
        String.format(
            "Spark's %s (%s) is not on the classpath: it comes with spark-hive-thriftserver, which the application jar "
                + "does not bundle. Start it with scripts/spark-sql or scripts/thrift-server, which resolve that module "
                + "from Maven, or with spark-submit of a Spark distribution built with Hive support.",
            frontEnd, mainClass));
  }

  public static PipelineException tableMissing(String table) {
    return new PipelineException(
        String.format(
            "Table %s does not exist yet. Run 'scripts/pipeline run' (or the step that creates it) against this "
                + "warehouse first, or check --warehouse and pipeline.database.",
            table));
  }

  public static PipelineException notAnIdentifier(String option, String value) {
    return new PipelineException(
        String.format(
            "%s '%s' is not a table name: names are SQL identifiers (letters, digits and underscores, not starting "
                + "with a digit), optionally qualified by a database as <database>.<table>. Pass a name such as growth "
                + "or outsourcing.growth; for anything else use --query.",
            option, value));
  }

  public static PipelineException unknownTable(
      String table, java.util.Collection<String> existing) {
    return new PipelineException(
        String.format(
            "Table %s does not exist. %s Check the name, --warehouse and pipeline.database ('scripts/pipeline status' "
                + "lists the tables).",
            table,
            existing.isEmpty()
                ? "Its database holds no table (has 'scripts/pipeline run' been run against this warehouse?)."
                : "Its database holds: " + String.join(", ", existing) + "."));
  }

  public static PipelineException exportTargetExists(String target) {
    return new PipelineException(
        String.format(
            "The export target %s already exists. An export never replaces a file silently: pass --overwrite to "
                + "replace it, or choose another --out folder (other files in the folder are left alone).",
            target));
  }

  public static PipelineException exportNameClash(String file, String first, String second) {
    return new PipelineException(
        String.format(
            "Both %s and %s would be exported to the same file %s. Export them in two commands with different --out "
                + "folders.",
            first, second, file));
  }

  public static PipelineException duplicateColumns(
      String what, java.util.Collection<String> columns) {
    return new PipelineException(
        String.format(
            "%s has more than one column named %s. An export needs distinct column names (CSV headers, JSON keys "
                + "and Parquet fields); give the columns distinct aliases (SELECT a.x AS a_x, b.x AS b_x ...).",
            what, String.join(", ", columns)));
  }

  public static PipelineException exportFailed(String what, String target, Throwable cause) {
    return new PipelineException(
        String.format(
            "Exporting %s to %s failed: %s. Nothing was written to the target (the partial output in a hidden "
                + ".export-* folder beside it is removed); fix the cause and export again.",
            what, target, cause(cause)),
        cause);
  }

  public static PipelineException queryFailed(String query, Throwable cause) {
    return new PipelineException(
        String.format(
            "The query failed: %s. Query: %s. Tables are named <database>.<table>, e.g. outsourcing.observations; "
                + "'scripts/pipeline status' lists them.",
            cause(cause), abbreviate(oneLine(query), 200)),
        cause);
  }

  public static PipelineException reportNotWritten(String folder, Throwable cause) {
    return new PipelineException(
        String.format(
            "The report could not be written to %s: %s. The tables are unaffected. Make the folder writable, or name "
                + "another one with 'report --out DIR' or pipeline.report.dir.",
            folder, cause(cause)),
        cause);
  }

  public static PipelineException stepFailed(String step, Throwable cause) {
    return new PipelineException(
        String.format(
            "Step '%s' failed: %s. Tables are left as of their last commit; fix the cause and run again, the step "
                + "resumes from the batches it has not completed.",
            step, cause(cause)),
        cause);
  }

  /**
   * A command that failed with an exception no step or query had put into words (a Spark, Hadoop or
   * Hive failure reaching the command line): its root cause on one line, and the way out its kind
   * suggests.
   */
  public static PipelineException commandFailed(String command, Throwable cause) {
    String fix;
    if (causes(cause)
        .anyMatch(t -> t.getClass().getName().startsWith("org.apache.hadoop.hive.metastore."))) {
      fix =
          "The Hive metastore did not answer (pipeline.catalog = external-hive): check hive.metastore.uris in the "
              + "cluster's hive-site.xml (or --conf spark.hadoop.hive.metastore.uris=thrift://HOST:PORT) and that the "
              + "metastore is running, then run again";
    } else if (ExitCode.of(cause) == ExitCode.CONCURRENT_WRITER) {
      fix =
          "Another writer committed to the same table first, and Delta refused this commit; nothing was half "
              + "written. Run again once the other writer has finished (one pipeline at a time per warehouse)";
    } else if (isEnvironmental(cause)) {
      fix =
          "A file system or the network failed, not the data: check that the landing folder and the warehouse are "
              + "reachable and writable and that their disks have space, then run again";
    } else {
      fix = "Fix the cause and run again";
    }
    return new PipelineException(
        String.format(
            "'%s' failed: %s. %s (PIPELINE_DEBUG=1 adds the stack trace).",
            command, cause(cause), fix),
        cause,
        ExitCode.of(cause));
  }

  public static PipelineException tablesNotReady(String warehouse, Throwable cause) {
    return new PipelineException(
        String.format(
            "The tables of the warehouse %s could not be opened or created: %s. Check that the warehouse is a folder "
                + "this process may write, and that its disk has space.",
            warehouse, cause(cause)),
        cause);
  }

  public static PipelineException stepFailedUnrecorded(
      String step, Throwable cause, Throwable recording) {
    return new PipelineException(
        String.format(
            "Step '%s' failed: %s. Its FAILED row could not be written to the runs table either (%s). Tables are left "
                + "as of their last commit; fix the cause (free disk space, make the warehouse writable) and run again, "
                + "the step resumes from the batches it has not completed.",
            step, cause(cause), cause(recording)),
        cause);
  }

  /**
   * The batches a normalize step set aside, each with its cause and the two ways to release it.
   *
   * @param held the batch ids, each with the first line of its cause
   */
  public static PipelineException batchesHeld(java.util.Map<String, String> held) {
    StringBuilder batches = new StringBuilder();
    held.forEach(
        (batch, cause) ->
            batches
                .append(batches.length() == 0 ? "" : "; ")
                .append(batch)
                .append(" (")
                .append(abbreviate(cause, MAX_CAUSE_CHARS))
                .append(')'));
    String first = held.keySet().iterator().next();
    return new PipelineException(
        String.format(
            "Step 'normalize' set %d batch(es) aside: %s. The other batches were normalised and later steps ran. Once "
                + "the cause is fixed, retry with 'scripts/pipeline normalize --retry-batch %s', or drop the batch (its "
                + "rows go to quarantine as BATCH_DROPPED) with 'scripts/pipeline normalize --drop-batch %s'.",
            held.size(), batches, first, first));
  }

  /** The run's result could not be written where {@code --result-json} says. */
  public static PipelineException resultNotWritten(String file, Throwable cause) {
    return new PipelineException(
        String.format(
            "The run's result could not be written to %s: %s. Check that its folder can be written, or give "
                + "--result-json another file.",
            file, cause(cause)),
        cause);
  }

  /**
   * A run that quarantined more than its quality gate allows; its writes are complete.
   *
   * @param breaches one sentence per limit exceeded, each naming its setting
   */
  public static PipelineException qualityGateFailed(java.util.List<String> breaches) {
    return new PipelineException(
        String.format(
            "The run failed its data-quality gate: %s. Every table was written as usual; the rows are in the "
                + "quarantine table with their reasons (scripts/pipeline sql \"SELECT reason_code, count(*) FROM "
                + "outsourcing.quarantine GROUP BY reason_code\"). Fix the inputs and land them again, or raise the "
                + "limit if these rows are expected.",
            String.join("; ", breaches)),
        null,
        ExitCode.QUALITY_GATE);
  }

  /**
   * Whether {@code error} is a failure of storage or network rather than of the data being
   * processed: an {@link java.io.IOException} in its causes (a full disk, a read-only or
   * unreachable file system, a refused connection), Hadoop's {@code FSError}, or a commit that
   * Delta refused because another writer's conflicted with it ({@link #isWriteConflict}), which a
   * later run completes as well. A file that is not found is not one of them: a lost data file does
   * not come back by trying again.
   */
  public static boolean isEnvironmental(Throwable error) {
    for (Throwable t : causes(error).toList()) {
      if (t instanceof java.io.FileNotFoundException) {
        return false;
      }
      if (t instanceof java.io.IOException
          || isWriteConflict(t)
          || t.getClass().getName().equals("org.apache.hadoop.fs.FSError")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Most characters of a cause quoted in a message: enough for Spark's error class and text, not
   * its plan dump.
   */
  public static final int MAX_CAUSE_CHARS = 300;

  /**
   * The root cause of {@code error} as one line of at most {@link #MAX_CAUSE_CHARS}: the message of
   * the innermost exception that has one (its class name when it is not self-explanatory), never a
   * stack trace.
   */
  public static String cause(Throwable error) {
    if (error instanceof PipelineException) {
      // Whole: the pipeline's own messages are bounded, and their last sentence says how to fix it.
      String message = oneLine(error.getMessage());
      return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }
    List<Throwable> chain = causes(error).toList();
    Throwable shown = error;
    for (Throwable t : chain) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        shown = t;
      }
    }
    // A wrapper of the root cause's own class that repeats its message adds where it happened:
    // Hadoop's "Call From host to namenode:8020 failed on connection exception: ... Connection
    // refused" around the bare "Connection refused".
    Throwable root = shown;
    shown =
        chain.stream()
            .filter(
                t ->
                    t.getClass() == root.getClass()
                        && t.getMessage() != null
                        && root.getMessage() != null
                        && t.getMessage().contains(root.getMessage().strip()))
            .findFirst()
            .orElse(root);
    String text = shown.getMessage() == null ? "" : shown.getMessage().strip();
    String message =
        text.isEmpty()
            ? shown.getClass().getName()
            : shown instanceof java.io.IOException
                    || shown instanceof NumberFormatException
                    || shown instanceof ArithmeticException
                    || shown instanceof IllegalStateException
                ? shown.getClass().getSimpleName() + ": " + text
                : text;
    return firstLine(message);
  }

  /**
   * Whether {@code error} is Delta's refusal of a commit that conflicted with a concurrent writer's
   * (its {@code DeltaConcurrentModificationException} family: ConcurrentAppendException,
   * ConcurrentWriteException, MetadataChangedException ...). Named by class, since this library
   * does not depend on Delta.
   */
  public static boolean isWriteConflict(Throwable error) {
    for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName()
          .equals("org.apache.spark.sql.delta.DeltaConcurrentModificationException")) {
        return true;
      }
    }
    return false;
  }

  /** {@code error} and its causes, outermost first (at most 100: a cycle of causes ends). */
  public static Stream<Throwable> causes(Throwable error) {
    return Stream.iterate(error, Objects::nonNull, t -> t.getCause() == t ? null : t.getCause())
        .limit(100);
  }

  /**
   * {@code text} on one line, its line breaks and the blanks around them made one space: a quoted
   * query or message keeps an error to one line.
   */
  public static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * The first line of {@code message}, without its final period, cut to {@link #MAX_CAUSE_CHARS}.
   */
  public static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line =
        message.lines().filter(text -> !text.isBlank()).findFirst().orElse("(no message)").strip();
    line = line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    return abbreviate(line, MAX_CAUSE_CHARS);
  }

  /**
   * {@code text} cut to {@code max} characters, the last three of them "..." when it was longer.
   */
  public static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
