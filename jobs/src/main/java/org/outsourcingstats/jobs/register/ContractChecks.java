package org.outsourcingstats.jobs.register;

import static org.outsourcingstats.common.quality.ReasonCode.FIELD_COUNT;
import static org.outsourcingstats.common.quality.ReasonCode.FUTURE_ACTUAL;
import static org.outsourcingstats.common.quality.ReasonCode.INVALID_DATE;
import static org.outsourcingstats.common.quality.ReasonCode.INVALID_VALUE;
import static org.outsourcingstats.common.quality.ReasonCode.MISSING_FIELD;
import static org.outsourcingstats.common.quality.ReasonCode.NEGATIVE_VALUE;
import static org.outsourcingstats.common.quality.ReasonCode.NO_FX_RATE;
import static org.outsourcingstats.common.quality.ReasonCode.UNKNOWN_ENTITY;
import static org.outsourcingstats.common.quality.ReasonCode.UNKNOWN_MARKET;
import static org.outsourcingstats.common.quality.ReasonCode.UNKNOWN_SECTOR;
import static org.outsourcingstats.common.quality.ReasonCode.UNKNOWN_UNIT;
import static org.outsourcingstats.common.quality.ReasonCode.VALUE_OUT_OF_RANGE;

import java.util.List;
import java.util.stream.Collectors;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.units.ValueRange;
import org.outsourcingstats.jobs.vocab.DomainSql;
import org.outsourcingstats.jobs.vocab.FxRatesView;

/**
 * The checks of a contract, in the order they are tried: the first that fails is the row's reason,
 * with a code of {@link ReasonCode} like every other shape's. Written as SQL conditions over the
 * split columns ({@link ContractLines}) and their resolved names ({@link ContractNames}), because
 * the register is the large input: Spark evaluates them in the pass that reads it, without a
 * row-by-row call into Java.
 */
final class ContractChecks {
  /**
   * A number in plain or exponent notation: when such a value does not fit the value type, it is
   * out of range.
   */
  private static final String PLAIN_NUMBER =
      "'^ *[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)? *$'";

  /**
   * One check: when {@code failsWhen} holds, the row is rejected with {@code code} and the text
   * {@code textSql}.
   */
  private record Check(ReasonCode code, String failsWhen, String textSql) {}

  private ContractChecks() {}

  /**
   * The query classifying the split rows of {@code view}: the {@code contracts} table's columns,
   * the raw rows' columns the split keeps ({@link ContractLines#PASSED_THROUGH}), and {@code
   * problem}, the reason struct of the rejected ({@code reason_code}/{@code reason} beside it).
   */
  static String classifySql(String view, int currentYear) {
    String problem =
        "CASE WHEN parse_error IS NOT NULL THEN "
            + DomainSql.writtenReason("parse_error")
            + " "
            + checks(currentYear).stream()
                .map(
                    check ->
                        "WHEN "
                            + check.failsWhen()
                            + " THEN "
                            + DomainSql.reason(check.code(), check.textSql()))
                .collect(Collectors.joining(" "))
            + " END";
    return String.format(
        CLASSIFY_SQL,
        view,
        FxRatesView.NAME,
        problem,
        ContractNames.ENTITY,
        ContractNames.SECTOR,
        ContractNames.MARKET,
        String.join(", ", ContractLines.PASSED_THROUGH));
  }

  private static List<Check> checks(int currentYear) {
    return List.of(
        new Check(FIELD_COUNT, "field_error IS NOT NULL", "field_error"),
        new Check(
            MISSING_FIELD,
            "coalesce(trim(contract_id), '') = ''",
            "'required field contract_id is empty'"),
        new Check(
            MISSING_FIELD, "coalesce(trim(firm_id), '') = ''", "'required field firm_id is empty'"),
        new Check(
            UNKNOWN_ENTITY,
            "entity_code IS NULL",
            "concat('city \"', coalesce(left(city, 60), ''), '\" is not in conf/reference/entities.csv')"),
        new Check(
            INVALID_DATE,
            "signed IS NULL OR NOT signed_date RLIKE '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'",
            "concat('signed_date \"', coalesce(left(signed_date, 60), ''), '\" is not an ISO date (yyyy-MM-dd)')"),
        new Check(
            FUTURE_ACTUAL,
            "signed_year > " + currentYear,
            "concat('a contract signed in ', signed_year, ', after the current year "
                + currentYear
                + "')"),
        new Check(
            UNKNOWN_SECTOR,
            "sector_code IS NULL",
            "concat('sector \"', coalesce(left(sector, 60), ''), '\" is not ITO, BPO or KPO')"),
        new Check(
            UNKNOWN_MARKET,
            "market_code IS NULL",
            "concat('client_market \"', "
                + "coalesce(left(client_market, 60), ''), '\" is not an ISO country code, EU, or CN for onshore clients')"),
        outOfRange("contract_value", "cv"),
        outOfRange("executed_value", "ev"),
        new Check(
            INVALID_VALUE,
            "cv IS NULL",
            "concat('contract_value \"', coalesce(left(contract_value, 60), ''), '\" is not a number')"),
        new Check(
            INVALID_VALUE,
            "ev IS NULL",
            "concat('executed_value \"', coalesce(left(executed_value, 60), ''), '\" is not a number')"),
        new Check(
            NEGATIVE_VALUE,
            "cv < 0 OR ev < 0",
            "'contract and executed values are never negative'"),
        new Check(
            UNKNOWN_UNIT,
            "cur NOT IN ('USD', 'CNY') OR cur IS NULL",
            "concat('currency \"', coalesce(left(currency, 60), ''), '\" is not USD or CNY')"),
        new Check(
            NO_FX_RATE,
            "cur = 'CNY' AND cny_per_usd IS NULL",
            "concat('no CNY/USD rate for ', signed_year)"));
  }

  private static Check outOfRange(String column, String value) {
    return new Check(
        VALUE_OUT_OF_RANGE,
        "("
            + value
            + " IS NULL AND "
            + column
            + " RLIKE "
            + PLAIN_NUMBER
            + ") OR abs("
            + value
            + ") >= "
            + ValueRange.LIMIT_SQL,
        "concat('"
            + column
            + " \"', left("
            + column
            + ", 60), '\" lies outside the range of a ', "
            + "'figure (below 10^18 once normalised); check the number and its exponent')");
  }

  private static final String CLASSIFY_SQL =
      """
      WITH n AS (
        SELECT r.*, %4$s(r.city) AS e, %5$s(r.sector) AS sector_code, %6$s(r.client_market).code AS market_code
        FROM %1$s r),
      v AS (
        SELECT n.*, e.code AS entity_code, e.name AS entity_name, e.level AS entity_level,
               CAST(try_to_timestamp(signed_date, 'yyyy-MM-dd') AS DATE) AS signed,
               try_cast(contract_value AS DECIMAL(38, 6)) AS cv, try_cast(executed_value AS DECIMAL(38, 6)) AS ev,
               upper(trim(currency)) AS cur
        FROM n),
      f AS (
        SELECT v.*, year(signed) AS signed_year, fx.cny_per_usd
        FROM v LEFT JOIN %2$s fx ON fx.year = year(v.signed)),
      c AS (
        SELECT f.*, %3$s AS problem
        FROM f)
      SELECT contract_id, firm_id, entity_code, entity_name, entity_level, signed AS signed_date,
             signed_year AS year, sector_code AS sector, market_code AS market,
             CAST(CASE WHEN cur = 'CNY' THEN cv / cny_per_usd ELSE cv END AS DECIMAL(38, 6)) AS contract_value,
             CAST(CASE WHEN cur = 'CNY' THEN ev / cny_per_usd ELSE ev END AS DECIMAL(38, 6)) AS executed_value,
             cur AS currency, CAST(CASE WHEN cur = 'CNY' THEN cny_per_usd END AS DECIMAL(12, 6)) AS fx_rate,
             %7$s, problem, problem.code AS reason_code, problem.text AS reason
      FROM c
      """;
}
