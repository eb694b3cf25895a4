package org.outsourcingstats.common.error;

/**
 * The exit codes of the pipeline's commands, so that a scheduler can tell a failure worth a retry
 * later (another writer) from one that needs a person (a usage error, a failed step). The README's
 * table "Exit codes" lists the same codes; {@code ExitCodesTest} keeps the two equal.
 */
public enum ExitCode {
  /** The command did what it was asked. */
  SUCCESS(0),
  /**
   * The command failed (a step, a query, the storage, the metastore, tables that {@code compare}
   * found different); the message names what and why.
   */
  FAILURE(1),
  /** The command line was wrong: an unknown command or option, a missing or malformed value. */
  USAGE(2),
  /**
   * The run quarantined more than its quality gate allows ({@code pipeline.quality-gate.*}); it
   * completed its writes first.
   */
  QUALITY_GATE(3),
  /**
   * Another writer was in the way: the warehouse lock was not released within {@code
   * pipeline.lock-wait-seconds}, or Delta refused a commit that conflicted with another writer's.
   * Nothing was half written; running again later completes the work.
   */
  CONCURRENT_WRITER(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** The process's exit status. */
  public int code() {
    return code;
  }

  /**
   * The code of a command that failed with {@code error}: the most specific one found in its causes
   * (a {@link PipelineException} that carries one, or a Delta write conflict), else {@link
   * #FAILURE}. Usage errors are the command-line parser's and are mapped where it is known.
   */
  public static ExitCode of(Throwable error) {
    for (Throwable t : Errors.causes(error).toList()) {
      if (t instanceof PipelineException pipeline && pipeline.exitCode() != FAILURE) {
        return pipeline.exitCode();
      }
      if (Errors.isWriteConflict(t)) {
        return CONCURRENT_WRITER;
      }
    }
    return FAILURE;
  }
}
