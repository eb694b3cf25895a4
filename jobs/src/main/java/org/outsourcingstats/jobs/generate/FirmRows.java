package org.outsourcingstats.jobs.generate;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** Writes the firm register (shape {@code firms}): one row per firm and year. */
final class FirmRows {
  static final String HEADER =
      "firm_id,firm_name,city,year,sector,revenue,unit,employees,fortune500";

  /** Revenue of the median firm in its first year, in 万美元 (ten thousand dollars): $3 million. */
  private static final double MEDIAN_REVENUE_WAN_USD = 300;

  /** Year-to-year noise around a firm's growth path, as a log-scale standard deviation. */
  private static final double REVENUE_NOISE = 0.1;

  private static final int MIN_EMPLOYEES = 3;
  private static final byte[] WAN_USD = ByteSink.utf8("万美元");
  private static final byte[] WAN_CNY = ByteSink.utf8("万元");

  private FirmRows() {}

  /** Writes the rows (not the header) and returns how many. */
  static long write(
      ByteSink sink, List<Firm> firms, int fromYear, int toYear, SplittableRandom random)
      throws IOException {
    long rows = 0;
    for (Firm firm : firms) {
      byte[] id = ByteSink.utf8(firm.id());
      byte[] name = ByteSink.utf8(firm.name());
      byte[][] cityForms = firm.city().forms();
      byte[] sector = ByteSink.utf8(RegisterModel.SECTORS.get(firm.sector()));
      for (int year = fromYear; year <= toYear; year++) {
        double revenueWanUsd =
            MEDIAN_REVENUE_WAN_USD
                * firm.size()
                * StrictMath.pow(1 + firm.growth(), year - fromYear)
                * StrictMath.exp(REVENUE_NOISE * RegisterModel.gaussian(random));
        long employees =
            Math.max(
                MIN_EMPLOYEES, Math.round(revenueWanUsd * 10_000 / firm.revenuePerEmployeeUsd()));
        double revenue = revenueWanUsd * (firm.reportsInYuan() ? RegisterModel.CNY_PER_USD : 1);
        sink.put(id);
        sink.put(',');
        sink.put(name);
        sink.put(',');
        sink.put(cityForms[ModelCity.FORM_MIX.next(random)]);
        sink.put(',');
        sink.putLong(year);
        sink.put(',');
        sink.put(sector);
        sink.put(',');
        sink.putCents(Math.max(1, Math.round(revenue * 100)));
        sink.put(',');
        sink.put(firm.reportsInYuan() ? WAN_CNY : WAN_USD);
        sink.put(',');
        sink.putLong(employees);
        sink.put(',');
        sink.put(firm.fortune500() ? 'Y' : 'N');
        sink.put('\n');
        rows++;
      }
    }
    return rows;
  }
}
