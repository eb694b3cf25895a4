package org.outsourcingstats.common.quality;

/**
 * Raised while normalising one raw row when the row cannot be accepted; the caller turns it into a
 * quarantine row. It carries no stack trace: it is an expected outcome, counted in the millions on
 * hostile input.
 */
public final class RowRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ReasonCode code;

  public RowRejection(ReasonCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ReasonCode code() {
    return code;
  }
}
