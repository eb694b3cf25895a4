package org.outsourcingstats.jobs.cli;

import com.univocity.parsers.csv.CsvWriter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.outsourcingstats.jobs.export.CellText;
import org.outsourcingstats.jobs.export.CsvDialect;

/** Prints a query result as an aligned text table or as CSV with a header. */
final class ResultPrinter {
  /** Output formats of {@code sql}. */
  enum Format {
    TABLE,
    CSV
  }

  private ResultPrinter() {}

  static void print(Dataset<Row> result, Format format, PrintStream out) {
    print(result.columns(), result.collectAsList(), format, out);
  }

  /** Prints rows already on the driver, without a Spark job. */
  static void print(String[] columns, List<Row> result, Format format, PrintStream out) {
    if (format == Format.CSV) {
      printCsv(columns, cells(columns, result), out);
    } else {
      printTable(columns, cells(columns, result), count(result.size()), out);
    }
    out.flush();
  }

  /**
   * Prints the first rows of a longer result as a table whose last line says how many of how many
   * rows it shows and how to see them all: a table cut short without a word reads as the whole.
   *
   * @param total how many rows the whole result has
   * @param allOfThem what lists them all, e.g. a command to run
   */
  static void printFirst(
      String[] columns, List<Row> first, long total, String allOfThem, PrintStream out) {
    String footer =
        first.size() < total
            ? first.size() + " of " + count(total) + "; all of them: " + allOfThem
            : count(first.size());
    printTable(columns, cells(columns, first), footer, out);
    out.flush();
  }

  private static String count(long rows) {
    return rows + (rows == 1 ? " row" : " rows");
  }

  private static List<String[]> cells(String[] columns, List<Row> result) {
    List<String[]> rows = new ArrayList<>();
    for (Row row : result) {
      String[] cells = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        cells[i] = CellText.text(row.get(i));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static void printCsv(String[] columns, List<String[]> rows, PrintStream out) {
    CsvWriter writer = CsvDialect.writer(out);
    writer.writeHeaders(columns);
    for (String[] row : rows) {
      writer.writeRow((Object[]) row);
    }
    writer.flush();
  }

  private static void printTable(
      String[] columns, List<String[]> rows, String footer, PrintStream out) {
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], display(row[i]).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    out.println(rule);
    out.println(line(columns, widths));
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths));
    }
    out.println(rule);
    out.println(footer);
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String cell = display(cells[i]);
      line.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
    }
    return line.toString();
  }

  private static String display(String cell) {
    return cell == null ? "NULL" : cell.replace("\n", "\\n");
  }
}
