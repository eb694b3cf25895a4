package org.outsourcingstats.common.normalize;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.outsourcingstats.common.parse.Periods;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.common.parse.Years;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.quality.RowRejection;
import org.outsourcingstats.common.text.TextKeys;
import org.outsourcingstats.common.units.Quantity;
import org.outsourcingstats.common.units.QuantityParser;
import org.outsourcingstats.common.units.ValueRange;
import org.outsourcingstats.common.vocab.Entity;
import org.outsourcingstats.common.vocab.FxRate;
import org.outsourcingstats.common.vocab.Indicator;
import org.outsourcingstats.common.vocab.IndicatorMatch;
import org.outsourcingstats.common.vocab.Market;
import org.outsourcingstats.common.vocab.Sector;
import org.outsourcingstats.common.vocab.UnitKind;
import org.outsourcingstats.common.vocab.UnitToken;
import org.outsourcingstats.common.vocab.Vocabulary;

/**
 * Turns one row of the {@code observations} shape, its fields keyed by canonical column name (see
 * {@link Vocabulary#column}), into a {@link NormalizedObservation}, or rejects it with a {@link
 * RowRejection}.
 *
 * <p>Decisions the contract leaves open: a value written as approximate (约, about) of an actual
 * figure becomes an estimate ({@code E}); persons and counts may omit their unit word (人, 家), money
 * may not; a {@code %} on an additive indicator is a share of the parent total of its market
 * (destination of OFFSHORE, OFFSHORE or ONSHORE of ALL) or, for the ALL market, of its sector (ITO
 * of ALL).
 *
 * <p>Size: One class: the rules of one published figure, in the order they apply, read top to
 * bottom.
 */
public final class ObservationNormalizer implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Decimal places of normalised values: micro-dollars, and fractions to 1e-6. */
  public static final int VALUE_SCALE = 6;

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final Vocabulary vocabulary;
  private final QuantityParser quantities;
  private final int currentYear;

  public ObservationNormalizer(Vocabulary vocabulary, int currentYear) {
    this.vocabulary = vocabulary;
    this.quantities = new QuantityParser(vocabulary);
    this.currentYear = currentYear;
  }

  /**
   * Normalises one row.
   *
   * @param fields the row's values by canonical column name ({@code city}, {@code year}, ...)
   * @throws RowRejection when the row cannot be accepted, with the reason
   */
  public NormalizedObservation normalize(Map<String, String> fields) {
    Entity entity = Fields.entity(vocabulary, fields);
    int year = Years.parse(Fields.required(fields, "year"));
    String period = Periods.parse(Fields.optional(fields, "period"));
    String sector = sector(Fields.optional(fields, "sector"));
    String indicatorText = Fields.required(fields, "indicator");
    IndicatorMatch match =
        vocabulary
            .indicator(indicatorText)
            .orElseThrow(
                () ->
                    new RowRejection(
                        ReasonCode.UNKNOWN_INDICATOR,
                        "indicator '"
                            + indicatorText
                            + "' is not known; add it to "
                            + "conf/reference/indicator_aliases.csv"));
    String market = market(Fields.optional(fields, "market"), match);
    String status = Statuses.parse(Fields.optional(fields, "status"));
    String valueText = Fields.required(fields, "value");
    String unitText = Fields.optional(fields, "unit");
    Quantity quantity = quantities.parse(valueText, unitText);
    if (quantity.approximate() && Statuses.ACTUAL.equals(status)) {
      status = Statuses.ESTIMATE;
    }
    if (!Statuses.TARGET.equals(status) && year > currentYear) {
      throw new RowRejection(
          ReasonCode.FUTURE_ACTUAL,
          "an actual figure (status "
              + status
              + ") is dated "
              + year
              + ", after the current year "
              + currentYear
              + "; mark plans with status T");
    }

    Indicator indicator = match.indicator();
    String indicatorCode;
    BigDecimal value;
    String unit;
    BigDecimal fxRate = null;
    boolean percent = quantity.unit() != null && quantity.unit().kind() == UnitKind.PERCENT;
    if (match.form() == IndicatorMatch.Form.GROWTH) {
      requirePercent(quantity, indicatorText, "a growth rate");
      indicatorCode = indicator.code() + Indicator.GROWTH_SUFFIX;
      value = quantity.amount().divide(HUNDRED);
      unit = UnitKind.PERCENT.normalizedUnit();
    } else if (match.form() == IndicatorMatch.Form.SHARE || percent) {
      requirePercent(quantity, indicatorText, "a share");
      if (!indicator.additive()) {
        throw new RowRejection(
            ReasonCode.UNIT_MISMATCH,
            "indicator '"
                + indicatorText
                + "' is not additive, so a % cannot be a share of a parent total");
      }
      if (Market.ALL.equals(market) && Sector.ALL.equals(sector)) {
        throw new RowRejection(
            ReasonCode.INVALID_SHARE,
            "a share of '"
                + indicatorText
                + "' needs a market or a "
                + "sector: it is the part of the parent total that market or sector holds");
      }
      if (quantity.amount().signum() < 0 || quantity.amount().compareTo(HUNDRED) > 0) {
        throw new RowRejection(
            ReasonCode.INVALID_SHARE, "share " + valueText + " lies outside 0-100%");
      }
      indicatorCode = indicator.code() + Indicator.SHARE_SUFFIX;
      value = quantity.amount().divide(HUNDRED);
      unit = UnitKind.PERCENT.normalizedUnit();
    } else {
      UnitToken token = quantity.unit();
      if (token == null && indicator.unitKind() == UnitKind.MONEY) {
        throw new RowRejection(
            ReasonCode.MISSING_UNIT,
            "money value '"
                + valueText
                + "' has no currency; "
                + "write its unit, e.g. 万美元, 亿元 or USD");
      }
      if (token != null && token.kind() != indicator.unitKind()) {
        throw new RowRejection(
            ReasonCode.UNIT_MISMATCH,
            "indicator '"
                + indicatorText
                + "' is measured in "
                + indicator.unitKind().name().toLowerCase()
                + " but the unit '"
                + unitText
                + "' (value '"
                + valueText
                + "') is "
                + token.kind().name().toLowerCase());
      }
      if (quantity.amount().signum() < 0) {
        throw new RowRejection(
            ReasonCode.NEGATIVE_VALUE,
            "value "
                + valueText
                + " of '"
                + indicatorText
                + "' is negative; money, persons and counts are never negative");
      }
      indicatorCode = indicator.code();
      value = quantity.amount();
      unit = indicator.unitKind().normalizedUnit();
      if (token != null && UnitToken.CNY.equals(token.currency())) {
        FxRate rate =
            vocabulary
                .fxRate(year)
                .orElseThrow(
                    () ->
                        new RowRejection(
                            ReasonCode.NO_FX_RATE,
                            "no CNY/USD rate for "
                                + year
                                + " in conf/reference/fx_rates.csv to convert "
                                + valueText));
        fxRate = rate.cnyPerUsd();
        value = value.divide(fxRate, VALUE_SCALE, RoundingMode.HALF_EVEN);
      }
    }
    value = ValueRange.normalised(value.setScale(VALUE_SCALE, RoundingMode.HALF_EVEN), valueText);
    return new NormalizedObservation(
        entity.code(),
        entity.nameEn(),
        entity.level(),
        year,
        period,
        sector,
        market,
        indicatorCode,
        value,
        unit,
        status,
        TextKeys.clean(valueText),
        TextKeys.clean(unitText),
        fxRate,
        Fields.optional(fields, "source"));
  }

  private static void requirePercent(Quantity quantity, String indicatorText, String what) {
    if (quantity.unit() == null || quantity.unit().kind() != UnitKind.PERCENT) {
      throw new RowRejection(
          ReasonCode.UNIT_MISMATCH,
          "'" + indicatorText + "' is " + what + ", so its unit must " + "be %");
    }
  }

  private String sector(String text) {
    if (text.isEmpty()) {
      return Sector.ALL;
    }
    return vocabulary
        .sector(text)
        .map(Sector::code)
        .orElseThrow(
            () ->
                new RowRejection(
                    ReasonCode.UNKNOWN_SECTOR,
                    "sector '"
                        + text
                        + "' is not ITO, BPO, KPO or ALL (or an alias in conf/reference/sectors.csv)"));
  }

  private String market(String text, IndicatorMatch match) {
    String implied = match.impliedMarket();
    if (text.isEmpty()) {
      return implied == null ? Market.ALL : implied;
    }
    Market given =
        vocabulary
            .market(text)
            .orElseThrow(
                () ->
                    new RowRejection(
                        ReasonCode.UNKNOWN_MARKET,
                        "market '"
                            + text
                            + "' is not ALL, OFFSHORE, ONSHORE, EU or an ISO country code or name in "
                            + "conf/reference/markets.csv"));
    if (implied == null
        || implied.equals(given.code())
        || Market.ALL.equals(given.code())
        || implied.equals(given.parentCode())) {
      return Market.ALL.equals(given.code()) && implied != null ? implied : given.code();
    }
    throw new RowRejection(
        ReasonCode.MARKET_CONFLICT,
        "indicator '"
            + match.indicator().code()
            + "' as written "
            + "implies market "
            + implied
            + " but the market column says '"
            + text
            + "'");
  }
}
