package org.outsourcingstats.common.vocab;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.text.TextKeys;

/**
 * The reference vocabularies of {@code conf/reference/}: entities, sectors, markets, indicators,
 * units, scales and FX rates. Names are matched case-insensitively in English and in simplified and
 * traditional Chinese (see {@link TextKeys#key}). Immutable once loaded and serialisable, so Spark
 * ships one copy to each executor.
 *
 * <p>Size: One class: the loaders and lookups of the seven reference files share one alias index
 * and load together; splitting them would split that index.
 */
public final class Vocabulary implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Suffixes a bureau may add to an entity name (大连市, Liaoning Province) that the vocabulary need
   * not list.
   */
  private static final List<String> ENTITY_SUFFIXES =
      List.of("特别行政区", "自治区", "自治區", "市", "省", "city", "province", "municipality", "prefecture");

  /** Prefixes naming the industry (服务外包合同金额 is 合同金额). */
  private static final List<String> INDICATOR_PREFIXES =
      List.of("服务外包", "服務外包", "serviceoutsourcing", "outsourcing");

  /** Suffixes that turn an indicator into its published year-on-year growth, longest first. */
  private static final List<String> GROWTH_SUFFIXES =
      List.of(
          "同比增长率",
          "同比增長率",
          "yoygrowthrate",
          "同比增长",
          "同比增長",
          "同比增速",
          "同比增幅",
          "growthrate",
          "yoygrowth",
          "增长率",
          "增長率",
          "growth",
          "同比",
          "增速",
          "增幅",
          "增长",
          "增長",
          "yoy");

  /** Suffixes that turn an indicator into a published share of its parent total. */
  private static final List<String> SHARE_SUFFIXES = List.of("占比", "佔比", "比重", "份额", "份額", "share");

  private final Map<String, Entity> entitiesByCode;
  private final AliasIndex<Entity> entities = new AliasIndex<>("entities");
  private final AliasIndex<Sector> sectors = new AliasIndex<>("sectors");
  private final Map<String, Market> marketsByCode = new LinkedHashMap<>();
  private final AliasIndex<Market> markets = new AliasIndex<>("markets");
  private final Map<String, Indicator> indicatorsByCode = new LinkedHashMap<>();
  private final AliasIndex<IndicatorAlias> indicatorAliases = new AliasIndex<>("indicator_aliases");
  private final Map<String, UnitToken> units = new HashMap<>();
  private final Map<String, BigDecimal> scales = new HashMap<>();
  private final Map<Integer, FxRate> fxRates = new HashMap<>();
  private final AliasIndex<String> columns = new AliasIndex<>("columns");

  private record IndicatorAlias(String indicator, String market) implements Serializable {}

  private Vocabulary(Path folder) {
    Map<String, Entity> byCode = new LinkedHashMap<>();
    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "entities.csv")) {
      String since = row.get("model_city_since");
      Entity entity =
          new Entity(
              row.required("entities.csv", "code"),
              row.required("entities.csv", "level"),
              row.get("parent_code"),
              row.required("entities.csv", "name_en"),
              row.get("name_zh"),
              row.get("name_zh_hant"),
              since.isEmpty() ? null : Integer.valueOf(since));
      byCode.put(entity.code(), entity);
      for (String name :
          names(entity.code(), entity.nameEn(), entity.nameZh(), entity.nameZhHant())) {
        entities.put(name, entity);
      }
      ReferenceCsv.splitAliases(row.get("aliases")).forEach(alias -> entities.put(alias, entity));
    }
    this.entitiesByCode = Collections.unmodifiableMap(byCode);

    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "sectors.csv")) {
      Sector sector =
          new Sector(row.required("sectors.csv", "code"), row.get("name_en"), row.get("name_zh"));
      names(sector.code(), sector.nameEn(), sector.nameZh())
          .forEach(name -> sectors.put(name, sector));
      ReferenceCsv.splitAliases(row.get("aliases")).forEach(alias -> sectors.put(alias, sector));
    }

    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "markets.csv")) {
      Market market =
          new Market(
              row.required("markets.csv", "code"),
              Market.Kind.valueOf(row.required("markets.csv", "kind").toUpperCase(Locale.ROOT)),
              row.get("name_en"),
              row.get("name_zh"));
      marketsByCode.put(market.code(), market);
      names(market.code(), market.nameEn(), market.nameZh())
          .forEach(name -> markets.put(name, market));
      ReferenceCsv.splitAliases(row.get("aliases")).forEach(alias -> markets.put(alias, market));
    }

    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "indicators.csv")) {
      Indicator indicator =
          new Indicator(
              row.required("indicators.csv", "code"),
              UnitKind.valueOf(
                  row.required("indicators.csv", "unit_kind").toUpperCase(Locale.ROOT)),
              Boolean.parseBoolean(row.get("additive")),
              row.get("description"));
      indicatorsByCode.put(indicator.code(), indicator);
      indicatorAliases.put(indicator.code(), new IndicatorAlias(indicator.code(), null));
    }
    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "indicator_aliases.csv")) {
      String code = row.required("indicator_aliases.csv", "indicator");
      if (!indicatorsByCode.containsKey(code)) {
        throw Errors.referenceFileInvalid(
            "indicator_aliases.csv",
            row.line(),
            "indicator '" + code + "' is not defined in indicators.csv");
      }
      String market = row.get("market");
      if (!market.isEmpty() && !marketsByCode.containsKey(market)) {
        throw Errors.referenceFileInvalid(
            "indicator_aliases.csv",
            row.line(),
            "market '" + market + "' is not defined in markets.csv");
      }
      indicatorAliases.put(
          row.required("indicator_aliases.csv", "alias"),
          new IndicatorAlias(code, market.isEmpty() ? null : market));
    }

    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "units.csv")) {
      String currency = row.get("currency");
      UnitToken unit =
          new UnitToken(
              row.required("units.csv", "token"),
              UnitKind.valueOf(row.required("units.csv", "kind").toUpperCase(Locale.ROOT)),
              currency.isEmpty() ? null : currency.toUpperCase(Locale.ROOT));
      units.put(TextKeys.key(unit.token()), unit);
    }
    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "scales.csv")) {
      scales.put(
          TextKeys.key(row.required("scales.csv", "token")),
          new BigDecimal(row.required("scales.csv", "factor")));
    }
    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "columns.csv")) {
      String column = row.required("columns.csv", "column");
      columns.put(column, column);
      ReferenceCsv.splitAliases(row.get("aliases")).forEach(alias -> columns.put(alias, column));
    }
    for (ReferenceCsv.Row row : ReferenceCsv.read(folder, "fx_rates.csv")) {
      int year = Integer.parseInt(row.required("fx_rates.csv", "year"));
      fxRates.put(
          year,
          new FxRate(
              year,
              new BigDecimal(row.required("fx_rates.csv", "cny_per_usd")),
              row.get("source")));
    }
  }

  /**
   * Loads the vocabularies from {@code folder}, or from the copy bundled in the jar when it is
   * null.
   */
  public static Vocabulary load(Path folder) {
    return new Vocabulary(folder);
  }

  /** The vocabularies bundled in the jar. */
  public static Vocabulary bundled() {
    return new Vocabulary(null);
  }

  private static List<String> names(String... names) {
    return List.of(names);
  }

  /** The canonical column a header names ({@code 城市} and {@code City} are {@code city}). */
  public Optional<String> column(String header) {
    return columns.find(header);
  }

  public Optional<Entity> entity(String name) {
    Optional<Entity> direct = entities.find(name);
    if (direct.isPresent()) {
      return direct;
    }
    String key = TextKeys.key(name);
    for (String suffix : ENTITY_SUFFIXES) {
      if (key.length() > suffix.length() && key.endsWith(suffix)) {
        Optional<Entity> stripped =
            entities.findKey(key.substring(0, key.length() - suffix.length()));
        if (stripped.isPresent()) {
          return stripped;
        }
      }
    }
    return Optional.empty();
  }

  public Optional<Entity> entityByCode(String code) {
    return Optional.ofNullable(entitiesByCode.get(code));
  }

  public Map<String, Entity> entities() {
    return entitiesByCode;
  }

  public Optional<Sector> sector(String name) {
    return sectors.find(name);
  }

  public Optional<Market> market(String name) {
    return markets.find(name);
  }

  public Optional<Market> marketByCode(String code) {
    return Optional.ofNullable(marketsByCode.get(code));
  }

  public Map<String, Market> markets() {
    return Collections.unmodifiableMap(marketsByCode);
  }

  public Optional<Indicator> indicatorByCode(String code) {
    return Optional.ofNullable(indicatorsByCode.get(code));
  }

  public Map<String, Indicator> indicators() {
    return Collections.unmodifiableMap(indicatorsByCode);
  }

  /**
   * Resolves an indicator name as published: an alias in either script, optionally prefixed by 服务外包
   * or "service outsourcing", optionally suffixed by a growth word (同比增长, growth, _yoy) or a share
   * word (占比, share).
   */
  public Optional<IndicatorMatch> indicator(String name) {
    String key = TextKeys.key(name);
    String growthStem = stripSuffix(key, GROWTH_SUFFIXES);
    if (growthStem != null) {
      Optional<IndicatorMatch> growth = levelIndicator(growthStem, IndicatorMatch.Form.GROWTH);
      if (growth.isPresent()) {
        return growth;
      }
    }
    String shareStem = stripSuffix(key, SHARE_SUFFIXES);
    if (shareStem != null) {
      Optional<IndicatorMatch> share = levelIndicator(shareStem, IndicatorMatch.Form.SHARE);
      if (share.isPresent()) {
        return share;
      }
    }
    return levelIndicator(key, IndicatorMatch.Form.LEVEL);
  }

  private Optional<IndicatorMatch> levelIndicator(String key, IndicatorMatch.Form form) {
    Optional<IndicatorAlias> alias = indicatorAliases.findKey(key);
    if (alias.isEmpty()) {
      for (String prefix : INDICATOR_PREFIXES) {
        if (key.length() > prefix.length() && key.startsWith(prefix)) {
          alias = indicatorAliases.findKey(key.substring(prefix.length()));
          if (alias.isPresent()) {
            break;
          }
        }
      }
    }
    return alias.map(
        a -> new IndicatorMatch(indicatorsByCode.get(a.indicator()), a.market(), form));
  }

  private static String stripSuffix(String key, List<String> suffixes) {
    for (String suffix : suffixes) {
      if (key.length() > suffix.length() && key.endsWith(suffix)) {
        return key.substring(0, key.length() - suffix.length());
      }
    }
    return null;
  }

  /** The unit word under its {@link TextKeys#key}, e.g. {@code 美元} or {@code usd}. */
  public Optional<UnitToken> unitByKey(String key) {
    return Optional.ofNullable(units.get(key));
  }

  /** The factor of a scale word under its {@link TextKeys#key}, e.g. {@code 亿} or {@code bn}. */
  public Optional<BigDecimal> scaleByKey(String key) {
    return Optional.ofNullable(scales.get(key));
  }

  /**
   * The longest unit or scale word, in characters, so that tokenisers know how far to look ahead.
   */
  public int longestUnitOrScaleKey() {
    int longest = 0;
    for (String key : units.keySet()) {
      longest = Math.max(longest, key.length());
    }
    for (String key : scales.keySet()) {
      longest = Math.max(longest, key.length());
    }
    return longest;
  }

  public Optional<FxRate> fxRate(int year) {
    return Optional.ofNullable(fxRates.get(year));
  }

  public Map<Integer, FxRate> fxRates() {
    return Collections.unmodifiableMap(fxRates);
  }
}
