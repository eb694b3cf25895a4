package org.outsourcingstats.common.quality;

/**
 * Why a raw row was not accepted. Every quarantined row carries one code and a message; the README
 * lists them.
 */
public enum ReasonCode {
  /** The file's bytes could not be decoded as text in any supported encoding. */
  UNDECODABLE_FILE("the file could not be decoded as UTF-8 or GB18030 text"),
  /**
   * A line of a contracts register is not valid text in the encoding of its file (a file of mixed
   * encodings).
   */
  UNDECODABLE_ROW("the line is not valid text in the encoding of its file"),
  /** The file could not be read (permissions, an I/O error); nothing of it was landed. */
  UNREADABLE_FILE("the file could not be read"),
  /**
   * A link leading outside the landing folder, or not a regular file (a FIFO, a device); it is
   * never read.
   */
  REFUSED_FILE("the entry is a link out of the landing folder or not a regular file"),
  /** A file of a shape read whole is larger than {@code pipeline.ingest.max-file-bytes}. */
  FILE_TOO_LARGE("the file is larger than pipeline.ingest.max-file-bytes"),
  /** A CSV row has more columns than {@code pipeline.ingest.max-columns}. */
  TOO_MANY_COLUMNS("a row has more columns than pipeline.ingest.max-columns"),
  /** A field is longer than {@code pipeline.ingest.max-field-chars}. */
  FIELD_TOO_LONG("a field is longer than pipeline.ingest.max-field-chars"),
  /** A line or record is longer than {@code pipeline.ingest.max-line-chars}. */
  LINE_TOO_LONG("a line or record is longer than pipeline.ingest.max-line-chars"),
  /** A line of a JSON Lines file is not a JSON object, or its figures are not a list. */
  INVALID_JSON("the line is not a JSON object with an optional list of figures"),
  /** A wide or nested row carries no figure at all. */
  EMPTY_ROW("the row holds no figure"),
  /** The row has a different number of fields than the header. */
  FIELD_COUNT("the row has a different number of fields than the header"),
  /**
   * Two columns of the header (or two keys of an object) name the same column: which holds the
   * value is unknown.
   */
  DUPLICATE_COLUMN("two columns of the header name the same column"),
  /** A required column is absent from the header, or its value is empty in the row. */
  MISSING_FIELD("a required field is missing or empty"),
  UNKNOWN_ENTITY("the city, province or nation is not in the entity vocabulary"),
  INVALID_YEAR("the year is not a four-digit year"),
  INVALID_DATE("the date is not an ISO date (yyyy-MM-dd)"),
  INVALID_PERIOD("the period is not FY, H1/H2, Q1-Q4, M01-M12 or a year-to-date month range"),
  UNKNOWN_SECTOR("the sector is not in the sector vocabulary"),
  UNKNOWN_MARKET("the market is not in the market vocabulary"),
  MARKET_CONFLICT("the indicator implies one market and the market column names another"),
  UNKNOWN_INDICATOR("the indicator is not in the indicator vocabulary"),
  INVALID_VALUE("the value is not a number"),
  /** A number too large (or too small) to be a figure: see {@code ValueRange}. */
  VALUE_OUT_OF_RANGE("the value lies outside the range a figure can hold"),
  MISSING_UNIT("the unit is missing and cannot be implied"),
  UNKNOWN_UNIT("the unit or scale word is not in the unit vocabulary"),
  UNIT_MISMATCH("the unit does not measure what the indicator measures"),
  NEGATIVE_VALUE("money, persons and counts are never negative"),
  INVALID_SHARE("a share must lie between 0 and 100 percent"),
  INVALID_STATUS("the status is not A, P, E or T"),
  INVALID_FLAG("a yes/no field is not Y/N, true/false, 1/0 or 是/否"),
  FUTURE_ACTUAL("an actual figure is dated after the current year"),
  NO_FX_RATE("there is no CNY/USD rate for the figure's year"),
  SHARES_OVER_100("the published shares of one parent add up to more than 100 percent"),
  CONFLICTING_DUPLICATE("two rows of one batch give different values for the same figure"),
  /**
   * Reading the row failed in a way no other code describes; the reason keeps the error's own
   * message.
   */
  ROW_ERROR("reading the row failed unexpectedly"),
  /** The row's batch was set aside and then dropped by {@code normalize --drop-batch}. */
  BATCH_DROPPED("the row's batch was dropped with normalize --drop-batch");

  private final String meaning;

  ReasonCode(String meaning) {
    this.meaning = meaning;
  }

  /** One sentence on what the code means, as documented in the README. */
  public String meaning() {
    return meaning;
  }

  /**
   * A reason written as one text, {@code CODE: text}: how {@code raw_rows.parse_error} stores why
   * ingest could not split a row. {@link #ofWritten} and {@link #textOfWritten} read it back.
   */
  public String written(String text) {
    return name() + WRITTEN_SEPARATOR + text;
  }

  /** What separates the code from the text in a {@linkplain #written(String) written} reason. */
  public static final String WRITTEN_SEPARATOR = ": ";

  /** The code of a {@linkplain #written(String) written} reason. */
  public static ReasonCode ofWritten(String written) {
    return valueOf(written.substring(0, written.indexOf(WRITTEN_SEPARATOR.strip())));
  }

  /** The text of a {@linkplain #written(String) written} reason. */
  public static String textOfWritten(String written) {
    return written.substring(written.indexOf(WRITTEN_SEPARATOR.strip()) + 1).strip();
  }
}
