package org.outsourcingstats.jobs.export;

/** The file formats of {@code export}, each with the extension of the one file it writes. */
public enum ExportFormat {
  /** RFC 4180 CSV with a header line, UTF-8, {@code \n} line ends (see {@link CsvDialect}). */
  CSV("csv"),
  /** One Parquet file; DECIMAL columns stay DECIMAL, timestamps are INT64 microseconds (UTC). */
  PARQUET("parquet"),
  /** JSON Lines: one object a row, keys in column order, NULL written as null. */
  JSON("jsonl");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension, without the dot. */
  public String extension() {
    return extension;
  }
}
