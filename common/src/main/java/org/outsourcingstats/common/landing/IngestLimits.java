package org.outsourcingstats.common.landing;

import org.outsourcingstats.common.error.Errors;

/**
 * What ingest accepts of one file ({@code pipeline.ingest.*}). A file beyond a limit is quarantined
 * whole with its reason and the rest of the landing folder lands; the limits keep one hostile file
 * from exhausting the driver's memory.
 *
 * @param maxColumns most columns of a CSV row
 * @param maxFieldChars most characters of one CSV field
 * @param maxLineChars most characters of one line (JSON Lines, the contracts register) or one CSV
 *     record
 * @param maxFileBytes largest file of a shape that is read whole on the driver (all but the
 *     contracts register)
 */
public record IngestLimits(int maxColumns, int maxFieldChars, int maxLineChars, long maxFileBytes)
    implements java.io.Serializable {
  /** The defaults of {@code reference.conf}, for tests and tools that have no configuration. */
  public static final IngestLimits DEFAULTS =
      new IngestLimits(1024, 65_536, 1_048_576, 268_435_456L);

  public IngestLimits {
    Errors.checkArgument(
        maxColumns > 0, "pipeline.ingest.max-columns must be positive, got %d", maxColumns);
    Errors.checkArgument(
        maxFieldChars > 0,
        "pipeline.ingest.max-field-chars must be positive, got %d",
        maxFieldChars);
    Errors.checkArgument(
        maxLineChars > 0, "pipeline.ingest.max-line-chars must be positive, got %d", maxLineChars);
    Errors.checkArgument(
        maxFileBytes > 0, "pipeline.ingest.max-file-bytes must be positive, got %d", maxFileBytes);
  }

  /**
   * Why {@code what} (a line, a record) of {@code length} characters is beyond {@link
   * #maxLineChars}.
   */
  public String lineTooLong(String what, long length) {
    return what
        + " is "
        + length
        + " characters long, more than pipeline.ingest.max-line-chars ("
        + maxLineChars
        + ")";
  }
}
