package org.outsourcingstats.common.normalize;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.outsourcingstats.common.parse.Years;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;
import org.outsourcingstats.common.units.Quantity;
import org.outsourcingstats.common.units.QuantityParser;
import org.outsourcingstats.common.units.ValueRange;
import org.outsourcingstats.common.vocab.Entity;
import org.outsourcingstats.common.vocab.FxRate;
import org.outsourcingstats.common.vocab.Sector;
import org.outsourcingstats.common.vocab.UnitKind;
import org.outsourcingstats.common.vocab.UnitToken;
import org.outsourcingstats.common.vocab.Vocabulary;

/**
 * Normalises one row of the {@code firms} shape ({@code firm_id, firm_name, city, year, sector,
 * revenue, unit, employees, fortune500}), its fields keyed by canonical column. Revenue and
 * employees may be empty (not reported); the firm, its city and the year may not.
 */
public final class FirmNormalizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Boolean> FLAGS = flags();

  private final Vocabulary vocabulary;
  private final QuantityParser quantities;
  private final int currentYear;

  public FirmNormalizer(Vocabulary vocabulary, int currentYear) {
    this.vocabulary = vocabulary;
    this.quantities = new QuantityParser(vocabulary);
    this.currentYear = currentYear;
  }

  private static Map<String, Boolean> flags() {
    Map<String, Boolean> flags = new HashMap<>();
    for (String yes : new String[] {"y", "yes", "true", "1", "是", "t"}) {
      flags.put(yes, true);
    }
    for (String no : new String[] {"n", "no", "false", "0", "否", "f", ""}) {
      flags.put(no, false);
    }
    return flags;
  }

  public FirmRecord normalize(Map<String, String> fields) {
    String firmId = Fields.required(fields, "firm_id");
    Entity entity = Fields.entity(vocabulary, fields);
    int year = Years.parse(Fields.required(fields, "year"));
    if (year > currentYear) {
      throw new RowRejection(
          ReasonCode.FUTURE_ACTUAL,
          "a register row is dated " + year + ", after the current year " + currentYear);
    }
    String sectorText = Fields.optional(fields, "sector");
    String sector =
        sectorText.isEmpty()
            ? Sector.ALL
            : vocabulary
                .sector(sectorText)
                .map(Sector::code)
                .orElseThrow(
                    () ->
                        new RowRejection(
                            ReasonCode.UNKNOWN_SECTOR,
                            "sector '" + sectorText + "' is not ITO, BPO, KPO or ALL"));

    String revenueText = Fields.optional(fields, "revenue");
    String unitText = Fields.optional(fields, "unit");
    BigDecimal revenue = null;
    BigDecimal fxRate = null;
    if (!revenueText.isEmpty()) {
      Quantity quantity = quantities.parse(revenueText, unitText);
      UnitToken unit = quantity.unit();
      if (unit == null || unit.kind() != UnitKind.MONEY) {
        throw new RowRejection(
            unit == null ? ReasonCode.MISSING_UNIT : ReasonCode.UNIT_MISMATCH,
            "revenue '"
                + revenueText
                + "' with unit '"
                + unitText
                + "' is not an amount of money (万美元, 万元, USD)");
      }
      if (quantity.amount().signum() < 0) {
        throw new RowRejection(
            ReasonCode.NEGATIVE_VALUE, "revenue " + revenueText + " is negative");
      }
      revenue = quantity.amount();
      if (UnitToken.CNY.equals(unit.currency())) {
        FxRate rate =
            vocabulary
                .fxRate(year)
                .orElseThrow(
                    () ->
                        new RowRejection(
                            ReasonCode.NO_FX_RATE,
                            "no CNY/USD rate for " + year + " in conf/reference/fx_rates.csv"));
        fxRate = rate.cnyPerUsd();
        revenue = revenue.divide(fxRate, ObservationNormalizer.VALUE_SCALE, RoundingMode.HALF_EVEN);
      }
      revenue =
          ValueRange.normalised(
              revenue.setScale(ObservationNormalizer.VALUE_SCALE, RoundingMode.HALF_EVEN),
              revenueText);
    }

    Long employees = null;
    String employeesText = Fields.optional(fields, "employees");
    if (!employeesText.isEmpty()) {
      Quantity quantity = quantities.parse(employeesText, "");
      if (quantity.unit() != null && quantity.unit().kind() != UnitKind.PERSONS) {
        throw new RowRejection(
            ReasonCode.UNIT_MISMATCH, "employees '" + employeesText + "' is not a head count");
      }
      if (quantity.amount().signum() < 0) {
        throw new RowRejection(
            ReasonCode.NEGATIVE_VALUE, "employees " + employeesText + " is negative");
      }
      employees =
          ValueRange.normalised(quantity.amount(), employeesText)
              .setScale(0, RoundingMode.HALF_UP)
              .longValueExact();
    }

    String flag = TextKeys.key(Fields.optional(fields, "fortune500"));
    Boolean fortune500 = FLAGS.get(flag);
    if (fortune500 == null) {
      throw new RowRejection(
          ReasonCode.INVALID_FLAG,
          "fortune500 '" + fields.get("fortune500") + "' is not Y/N, true/false, 1/0 or 是/否");
    }
    return new FirmRecord(
        firmId,
        Fields.optional(fields, "firm_name"),
        entity.code(),
        entity.nameEn(),
        year,
        sector,
        revenue,
        revenueText.isEmpty() ? null : revenueText,
        unitText.isEmpty() ? null : unitText,
        fxRate,
        employees,
        fortune500);
  }
}
