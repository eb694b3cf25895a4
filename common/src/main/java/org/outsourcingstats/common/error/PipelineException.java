package org.outsourcingstats.common.error;

/**
 * The one exception type the pipeline raises for conditions a user can act on. Its message always
 * says what went wrong, why, and how to fix it; instances are built by {@link Errors}, never ad
 * hoc.
 */
public final class PipelineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PipelineException(String message) {
    super(message);
  }

  PipelineException(String message, Throwable cause) {
    super(message, cause);
  }
}
