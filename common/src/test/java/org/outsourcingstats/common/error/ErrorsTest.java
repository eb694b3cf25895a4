package org.outsourcingstats.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
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
