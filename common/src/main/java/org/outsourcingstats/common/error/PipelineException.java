package org.outsourcingstats.common.error;

/**
 * The one exception type the pipeline raises for conditions a user can act on. Its message always
 * says what went wrong, why, and how to fix it; instances are built by {@link Errors}, never ad
 * hoc. It carries the exit code of a command that ends with it.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ExitCode exitCode;

  PipelineException(String message) {
    this(message, null, ExitCode.FAILURE);
  }

  PipelineException(String message, Throwable cause) {
    this(message, cause, ExitCode.FAILURE);
  }

  PipelineException(String message, Throwable cause, ExitCode exitCode) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code of a command that fails with this error. */
  public ExitCode exitCode() {
    return exitCode;
  }
}
