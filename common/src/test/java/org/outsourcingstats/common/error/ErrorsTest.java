package org.outsourcingstats.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void theCauseIsTheInnermostMessageOnOneLineCutToAFewHundredCharacters() {
    Exception wrapped =
        new RuntimeException(
            "Job aborted",
            new IllegalStateException(
                "\n[PARSE_SYNTAX_ERROR] Syntax "
                    + "error at or near 'SELEC'.(line 1, pos 0)\n\n== SQL ==\nSELEC 1\n^^^\n"));
    assertThat(Errors.cause(wrapped))
        .isEqualTo(
            "IllegalStateException: [PARSE_SYNTAX_ERROR] Syntax error at or near "
                + "'SELEC'.(line 1, pos 0)");
    String huge = Errors.cause(new RuntimeException("x".repeat(1_000_000)));
    assertThat(huge).hasSize(Errors.MAX_CAUSE_CHARS).endsWith("...");
    assertThat(Errors.cause(new IOException("No space left on device")))
        .isEqualTo("IOException: No space left on device");
  }

  @Test
  void aWrapperOfTheRootCausesOwnClassThatRepeatsItIsShownForWhereItHappened() {
    ConnectException refused = new ConnectException("Connection refused");
    ConnectException hadoops =
        new ConnectException(
            "Call From vm/127.0.0.1 to namenode:8020 failed on connection exception: "
                + "java.net.ConnectException: Connection refused");
    hadoops.initCause(refused);
    assertThat(Errors.cause(new RuntimeException("listing failed", hadoops)))
        .isEqualTo(
            "ConnectException: Call From vm/127.0.0.1 to namenode:8020 failed on connection "
                + "exception: java.net.ConnectException: Connection refused");
    // A wrapper of another class (Spark's "Job aborted ... : java.io.IOException: ...") is not.
    assertThat(
            Errors.cause(
                new IllegalStateException(
                    "Job aborted: java.io.IOException: No space left on device",
                    new IOException("No space left on device"))))
        .isEqualTo("IOException: No space left on device");
  }

  @Test
  void aPipelineErrorQuotedAsACauseKeepsItsWayOut() {
    PipelineException landing =
        Errors.landingUnreadable("hdfs:///landing", new IOException("x".repeat(290)));
    assertThat(Errors.cause(landing))
        .hasSizeGreaterThan(Errors.MAX_CAUSE_CHARS)
        .endsWith("that this process may list it");
  }

  @Test
  void aFailureNoStepPutIntoWordsNamesTheCommandTheCauseAndAWayOutOfItsKind() {
    assertThat(Errors.commandFailed("status", new RuntimeException(new IOException("disk gone"))))
        .hasMessage(
            "'status' failed: IOException: disk gone. A file system or the network failed, not the "
                + "data: check that the landing folder and the warehouse are reachable and writable "
                + "and that their disks have space, then run again (PIPELINE_DEBUG=1 adds the stack "
                + "trace).")
        .extracting(error -> ((PipelineException) error).exitCode())
        .isEqualTo(ExitCode.FAILURE);
    assertThat(Errors.commandFailed("sql", new IllegalArgumentException("bad\nthing")))
        .hasMessage(
            "'sql' failed: bad. Fix the cause and run again (PIPELINE_DEBUG=1 adds the stack trace).");
  }

  @Test
  void waitingTooLongForTheWarehouseLockHasTheLockCodeEvenWhenWrapped() {
    PipelineException busy =
        Errors.warehouseBusy(Path.of("/wh"), "run, pid 7", java.time.Duration.ofSeconds(3));
    assertThat(busy.exitCode()).isEqualTo(ExitCode.CONCURRENT_WRITER);
    assertThat(ExitCode.of(new RuntimeException(busy))).isEqualTo(ExitCode.CONCURRENT_WRITER);
    assertThat(ExitCode.of(Errors.stepFailed("ingest", new IOException("disk gone"))))
        .isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void aQuotedQueryIsOneLine() {
    assertThat(Errors.queryFailed("SELECT x\n  FROM t\r\n WHERE y", new RuntimeException("no")))
        .hasMessageContaining("Query: SELECT x FROM t WHERE y.");
  }

  @Test
  void storageFailuresAreEnvironmentalButALostFileIsNot() {
    assertThat(
            Errors.isEnvironmental(
                new RuntimeException(new IOException("No space left on device"))))
        .isTrue();
    assertThat(
            Errors.isEnvironmental(
                new RuntimeException(new FileNotFoundException("part-0001.parquet"))))
        .isFalse();
    assertThat(Errors.isEnvironmental(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void heldBatchesAreNamedWithTheirCauseAndBothWaysOut() {
    String message = Errors.batchesHeld(Map.of("B1", "IllegalStateException: boom")).getMessage();
    assertThat(message)
        .contains("B1 (IllegalStateException: boom)")
        .contains("'scripts/pipeline normalize --retry-batch B1'")
        .contains("'scripts/pipeline normalize --drop-batch B1'");
  }
}
