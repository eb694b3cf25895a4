package org.outsourcingstats.jobs.vocab;

import static org.outsourcingstats.jobs.tables.PipelineTables.literal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.outsourcingstats.common.parse.Periods;
import org.outsourcingstats.common.parse.Statuses;
import org.outsourcingstats.common.quality.ReasonCode;
import org.outsourcingstats.common.vocab.Indicator;
import org.outsourcingstats.common.vocab.Market;
import org.outsourcingstats.common.vocab.Sector;

/**
 * The one place where SQL gets the domain's rules: the market hierarchy, the status letters, the
 * full-year period, the growth and share suffixes of indicators and the reason codes, each
 * generated from its Java definition in {@code common} ({@link Market}, {@link Statuses}, {@link
 * Periods}, {@link Indicator}, {@link ReasonCode}). A query names a rule by a token in braces and
 * {@link #expand} writes it out, so that renaming a code changes every query and a query never
 * holds a second literal of it:
 *
 * <table>
 *   <caption>Tokens</caption>
 *   <tr><td>{@code {ALL}}, {@code {OFFSHORE}}, {@code {ONSHORE}}</td><td>the markets (ALL is also the sector of
 *       the total)</td></tr>
 *   <tr><td>{@code {ACTUAL}}, {@code {TARGET}}, {@code {DERIVED}}</td><td>status letters</td></tr>
 *   <tr><td>{@code {FY}}</td><td>the full-year period</td></tr>
 *   <tr><td>{@code {level(c)}}, {@code {growth(c)}}, {@code {share(c)}}</td><td>whether indicator {@code c} is a
 *       level, a published growth rate, a share</td></tr>
 *   <tr><td>{@code {growth_base(c)}}, {@code {share_base(c)}}</td><td>the indicator a rate or share is of</td></tr>
 *   <tr><td>{@code {parent_market(m)}}</td><td>the market whose total market {@code m} is part of, NULL for
 *       ALL</td></tr>
 *   <tr><td>{@code {destination(m)}}</td><td>whether {@code m} is a destination market</td></tr>
 *   <tr><td>{@code {rolled_up_markets(m)}}</td><td>{@code m} and every market it adds up into</td></tr>
 *   <tr><td>{@code {share_parent_sector(m, s)}}</td><td>the sector of a share's parent: ALL for a sector share
 *       (market ALL), its own sector for a market share</td></tr>
 * </table>
 */
public final class DomainSql {
  private static final Pattern TOKEN = Pattern.compile("\\{([A-Za-z_]+)(?:\\(([\\w., ]+)\\))?}");

  private static final Map<String, String> CONSTANTS =
      Map.of(
          "ALL", literal(Market.ALL),
          "OFFSHORE", literal(Market.OFFSHORE),
          "ONSHORE", literal(Market.ONSHORE),
          "ACTUAL", literal(Statuses.ACTUAL),
          "TARGET", literal(Statuses.TARGET),
          "DERIVED", literal(Statuses.DERIVED),
          "FY", literal(Periods.FULL_YEAR));

  private static final Map<String, Function<List<String>, String>> RULES =
      Map.of(
          "level", args -> "NOT " + growth(args.get(0)) + " AND NOT " + share(args.get(0)),
          "growth", args -> growth(args.get(0)),
          "share", args -> share(args.get(0)),
          "growth_base", args -> base(args.get(0), Indicator.GROWTH_SUFFIX),
          "share_base", args -> base(args.get(0), Indicator.SHARE_SUFFIX),
          "parent_market", args -> parentMarket(args.get(0)),
          "destination", args -> destination(args.get(0)),
          "rolled_up_markets", args -> rolledUpMarkets(args.get(0)),
          "share_parent_sector",
              args ->
                  "CASE WHEN "
                      + args.get(0)
                      + " = "
                      + literal(Market.ALL)
                      + " THEN "
                      + literal(Sector.ALL)
                      + " ELSE "
                      + args.get(1)
                      + " END");

  /** The kinds of market with one market each (the total and its halves), not destinations. */
  private static final List<Market.Kind> NAMED_KINDS =
      Arrays.stream(Market.Kind.values()).filter(kind -> kind.code() != null).toList();

  private DomainSql() {}

  /** {@code sql} with every token written out; an unknown token is a programming error. */
  public static String expand(String sql) {
    Matcher token = TOKEN.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (token.find()) {
      String name = token.group(1);
      String expanded;
      if (token.group(2) == null) {
        expanded = CONSTANTS.get(name);
      } else {
        Function<List<String>, String> rule = RULES.get(name);
        expanded =
            rule == null
                ? null
                : rule.apply(Arrays.stream(token.group(2).split(",")).map(String::strip).toList());
      }
      if (expanded == null) {
        throw new IllegalArgumentException(
            "unknown domain token " + token.group() + " in SQL: " + sql);
      }
      token.appendReplacement(out, Matcher.quoteReplacement(expanded));
    }
    return token.appendTail(out).toString();
  }

  /**
   * A reason as a struct of {@code code} and {@code text}: the code from {@link ReasonCode}, the
   * text a SQL expression.
   */
  public static String reason(ReasonCode code, String textSql) {
    return "named_struct('code', " + literal(code.name()) + ", 'text', " + textSql + ")";
  }

  /**
   * The {@linkplain ReasonCode#written(String) written} form of the reason struct {@code reasonSql}
   * (fields {@code code} and {@code text}); NULL when it is NULL.
   */
  public static String written(String reasonSql) {
    return "CASE WHEN ("
        + reasonSql
        + ") IS NOT NULL THEN concat(("
        + reasonSql
        + ").code, "
        + literal(ReasonCode.WRITTEN_SEPARATOR)
        + ", ("
        + reasonSql
        + ").text) END";
  }

  /**
   * The reason struct of a {@linkplain ReasonCode#written(String) written} reason held by {@code
   * column}.
   */
  public static String writtenReason(String column) {
    String separator = literal(ReasonCode.WRITTEN_SEPARATOR.strip());
    return "named_struct('code', substring_index("
        + column
        + ", "
        + separator
        + ", 1), 'text', trim(substring("
        + column
        + ", length(substring_index("
        + column
        + ", "
        + separator
        + ", 1)) + 2)))";
  }

  /**
   * The rank of the status in {@code column} among {@link Statuses#PREFERENCE}, lower first; other
   * statuses (targets) last. The one ranking of statuses of every query.
   */
  public static String statusPreference(String column) {
    StringBuilder sql = new StringBuilder("CASE " + column);
    for (int rank = 0; rank < Statuses.PREFERENCE.size(); rank++) {
      sql.append(" WHEN ")
          .append(literal(Statuses.PREFERENCE.get(rank)))
          .append(" THEN ")
          .append(rank);
    }
    return sql.append(" ELSE 9 END").toString();
  }

  private static String growth(String column) {
    return column + " LIKE " + literal("%" + likeEscaped(Indicator.GROWTH_SUFFIX));
  }

  private static String share(String column) {
    return column + " LIKE " + literal("%" + likeEscaped(Indicator.SHARE_SUFFIX));
  }

  private static String likeEscaped(String text) {
    return text.replace("_", "\\_").replace("%", "\\%");
  }

  private static String base(String column, String suffix) {
    return "substring(" + column + ", 1, length(" + column + ") - " + suffix.length() + ")";
  }

  /** NULL for NULL (no market has no parent), so that a parent's parent ends the hierarchy. */
  private static String parentMarket(String column) {
    StringBuilder sql =
        new StringBuilder("CASE WHEN " + column + " IS NULL THEN CAST(NULL AS STRING)");
    for (Market.Kind kind : NAMED_KINDS) {
      sql.append(" WHEN ")
          .append(column)
          .append(" = ")
          .append(literal(kind.code()))
          .append(" THEN ")
          .append(nullable(kind.parentCode()));
    }
    return sql.append(" ELSE ")
        .append(nullable(Market.Kind.DESTINATION.parentCode()))
        .append(" END")
        .toString();
  }

  private static String destination(String column) {
    return column
        + " NOT IN ("
        + String.join(", ", NAMED_KINDS.stream().map(kind -> literal(kind.code())).toList())
        + ")";
  }

  /**
   * The market, its parent, its parent's parent: the hierarchy is never deeper than a
   * destination's.
   */
  private static String rolledUpMarkets(String column) {
    String parent = parentMarket(column);
    return "array_compact(array(" + column + ", " + parent + ", " + parentMarket(parent) + "))";
  }

  private static String nullable(String code) {
    return code == null ? "CAST(NULL AS STRING)" : literal(code);
  }
}
