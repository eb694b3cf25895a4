package org.outsourcingstats.common.landing;

import org.outsourcingstats.common.quality.ReasonCode;

/**
 * Raised while landing one file when the file as a whole cannot be landed (too wide, an oversized
 * field or line, too large, unreadable); the caller quarantines the file with its name and reason,
 * and the rest of the folder lands. It carries no stack trace: it is an expected outcome.
 */
public final class FileRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ReasonCode code;

  public FileRejection(ReasonCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ReasonCode code() {
    return code;
  }
}
