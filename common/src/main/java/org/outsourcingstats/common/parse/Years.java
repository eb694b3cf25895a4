package org.outsourcingstats.common.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;

/** Calendar years as published: {@code 2010} or {@code 2010年}, between 1949 and 2100. */
public final class Years {
  private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:年|\\.0)?");

  private Years() {}

  public static int parse(String text) {
    Matcher matcher = YEAR.matcher(TextKeys.clean(text).replace(" ", ""));
    if (!matcher.matches()) {
      throw new RowRejection(
          ReasonCode.INVALID_YEAR, "year '" + text + "' is not a four-digit year (2010 or 2010年)");
    }
    int year = Integer.parseInt(matcher.group(1));
    if (year < 1949 || year > 2100) {
      throw new RowRejection(ReasonCode.INVALID_YEAR, "year " + year + " lies outside 1949-2100");
    }
    return year;
  }
}
