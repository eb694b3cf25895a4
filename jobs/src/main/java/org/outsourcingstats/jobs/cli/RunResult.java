package org.outsourcingstats.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.outsourcingstats.common.quality.QualityGate;
import org.outsourcingstats.jobs.run.PipelineContext;
import org.outsourcingstats.jobs.run.StepResult;
import org.outsourcingstats.jobs.tables.PipelineTable;
import org.outsourcingstats.jobs.tables.TableLog;
import org.outsourcingstats.jobs.tables.Tables;

/**
 * What a run did, as one JSON object for an orchestrator ({@code run --result-json FILE}; README,
 * Operations, documents every field). Written whether the run succeeded or not, the file replaced
 * whole, so that a reader never sees half of one.
 */
final class RunResult {
  /** Names the shape of the object; a field is only ever added under the same name. */
  static final String SCHEMA = "outsourcing-pipeline/run-result/1";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunResult() {}

  /**
   * The object.
   *
   * @param context the run's context
   * @param steps the steps the run completed, in order
   * @param verdict the quality gate's verdict, null when the run did not reach it
   * @param exitCode the process's exit code
   * @param error the one-line error the run ended with, or null
   */
  static ObjectNode of(
      PipelineContext context,
      List<StepResult> steps,
      QualityGate.Verdict verdict,
      int exitCode,
      String error) {
    ObjectNode result = JSON.createObjectNode();
    result.put("schema", SCHEMA);
    result.put("run_id", context.runId());
    result.put("exit_code", exitCode);
    result.put("error", error);
    ArrayNode stepNodes = result.putArray("steps");
    ObjectNode byReason = JSON.createObjectNode();
    for (StepResult step : steps) {
      ObjectNode node = stepNodes.addObject();
      node.put("step", step.job());
      node.put("started_at", step.startedAt().toString());
      node.put("finished_at", step.finishedAt().toString());
      node.put(
          "seconds", Duration.between(step.startedAt(), step.finishedAt()).toMillis() / 1000.0);
      node.put("rows_read", step.rowsRead());
      node.put("rows_accepted", step.rowsAccepted());
      node.put("rows_quarantined", step.rowsQuarantined());
      node.put("rows_duplicate", step.rowsDuplicate());
      node.put("rows_written", step.rowsWritten());
      node.put("detail", step.detail());
      ObjectNode held = node.putObject("held_batches");
      step.heldBatches().forEach(held::put);
      step.quarantinedByReason().forEach(byReason::put);
    }
    result.set("quarantined_by_reason", byReason);
    ObjectNode gate = result.putObject("quality_gate");
    gate.put("checked", verdict != null);
    gate.put("passed", verdict == null || verdict.passed());
    ArrayNode breaches = gate.putArray("breaches");
    if (verdict != null) {
      verdict.breaches().forEach(breaches::add);
    }
    ObjectNode versions = result.putObject("table_versions");
    for (PipelineTable table : Tables.ALL) {
      if (context.tables().exists(table)) {
        versions.put(
            table.name(),
            TableLog.of(context.spark(), context.config().database(), table.name()).version());
      }
    }
    return result;
  }

  /** Writes {@code result} to {@code file}, replacing it whole. */
  static void write(ObjectNode result, Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Files.createDirectories(absolute.getParent());
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    Files.writeString(partial, JSON.writeValueAsString(result) + "\n", StandardCharsets.UTF_8);
    Files.move(
        partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
