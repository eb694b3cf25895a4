package org.outsourcingstats.jobs.generate;

import static org.outsourcingstats.jobs.generate.RegisterModel.CNY;
import static org.outsourcingstats.jobs.generate.RegisterModel.USD;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.outsourcingstats.jobs.generate.SyntheticRegister.CurrencyTotals;

/**
 * Writes contract rows (shape {@code contracts}) one at a time from one random stream, so that the
 * rows of a seed are the same however they are split into files, and keeps totals of what it wrote
 * for the summary.
 *
 * <p>Everything a row needs is pre-encoded at construction; a row costs a dozen random draws and
 * byte copies.
 */
final class ContractRows {
  static final String HEADER =
      "contract_id,firm_id,city,signed_date,sector,client_market,contract_value,executed_value,currency";

  /** Digits of the number in a contract id ({@code C0000000001}). */
  static final int ID_DIGITS = 10;

  /**
   * Rows after which the sums kept as long hundredths move to BigDecimal, long before they could
   * overflow.
   */
  private static final int SPILL_ROWS = 1 << 20;

  private static final byte[][] SECTORS = encode(RegisterModel.SECTORS);
  private static final byte[][] MARKETS = encode(RegisterModel.MARKETS);
  private static final byte[][] CURRENCIES = encode(RegisterModel.CURRENCIES);

  private final SplittableRandom random;

  /** All firms by size, for contracts outside a firm's main sector. */
  private final WeightedChoice firmMix;

  /**
   * By sector: firms of that main sector by size, and their indexes; all firms when a sector has
   * none.
   */
  private final WeightedChoice[] sectorFirmMix;

  private final int[][] sectorFirms;
  private final byte[][] firmIds;
  private final byte[][][] firmCityForms;
  private final WeightedChoice[] firmOffshoreMix;
  private final WeightedChoice yearMix;

  /** Every date of the year range as {@code yyyy-MM-dd}, by year then day of the year. */
  private final byte[][][] dates;

  private final long[] rowsByMarket = new long[MARKETS.length];
  private final long[] rowsByCurrency = new long[CURRENCIES.length];
  private final long[] contractHundredths = new long[CURRENCIES.length];
  private final long[] executedHundredths = new long[CURRENCIES.length];
  private final BigDecimal[] contractSpilled = zeros(CURRENCIES.length);
  private final BigDecimal[] executedSpilled = zeros(CURRENCIES.length);
  private int rowsSinceSpill;

  ContractRows(List<Firm> firms, int fromYear, int toYear, SplittableRandom random) {
    this.random = random;
    int count = firms.size();
    double[] sizes = new double[count];
    firmIds = new byte[count][];
    firmCityForms = new byte[count][][];
    int[] mainSectors = new int[count];
    firmOffshoreMix = new WeightedChoice[count];
    for (int i = 0; i < count; i++) {
      Firm firm = firms.get(i);
      sizes[i] = firm.size(); // larger firms sign proportionally more contracts
      firmIds[i] = ByteSink.utf8(firm.id());
      firmCityForms[i] = firm.city().forms();
      mainSectors[i] = firm.sector();
      firmOffshoreMix[i] =
          firm.city().isDalian() ? RegisterModel.DALIAN_OFFSHORE_MIX : RegisterModel.OFFSHORE_MIX;
    }
    firmMix = WeightedChoice.of(sizes);
    int sectors = RegisterModel.SECTORS.size();
    sectorFirmMix = new WeightedChoice[sectors];
    sectorFirms = new int[sectors][];
    for (int sector = 0; sector < sectors; sector++) {
      int wanted = sector;
      int[] members = IntStream.range(0, count).filter(i -> mainSectors[i] == wanted).toArray();
      sectorFirms[sector] = members.length > 0 ? members : IntStream.range(0, count).toArray();
      sectorFirmMix[sector] =
          WeightedChoice.of(
              Arrays.stream(sectorFirms[sector]).mapToDouble(i -> sizes[i]).toArray());
    }
    int years = toYear - fromYear + 1;
    double[] yearWeights = new double[years];
    dates = new byte[years][][];
    for (int y = 0; y < years; y++) {
      yearWeights[y] = StrictMath.pow(1 + RegisterModel.CONTRACT_GROWTH, y);
      LocalDate first = LocalDate.of(fromYear + y, 1, 1);
      dates[y] = new byte[first.lengthOfYear()][];
      for (int day = 0; day < dates[y].length; day++) {
        dates[y][day] =
            ByteSink.utf8(first.plusDays(day).toString()); // ISO yyyy-MM-dd for years 1900-2100
      }
    }
    yearMix = WeightedChoice.of(yearWeights);
  }

  /** Writes the row of the contract with the given 0-based index (its id is the index plus one). */
  void write(ByteSink sink, long index) throws IOException {
    // The sector first, then a firm: the sector mix then holds for contracts whatever the few
    // largest firms do.
    int sector = RegisterModel.SECTOR_MIX.next(random);
    int firm =
        random.nextDouble() < RegisterModel.ANY_FIRM_SHARE
            ? firmMix.next(random)
            : sectorFirms[sector][sectorFirmMix[sector].next(random)];
    boolean onshore = random.nextDouble() < RegisterModel.ONSHORE_SHARE;
    int market = onshore ? 0 : 1 + firmOffshoreMix[firm].next(random);
    double cnyShare = onshore ? RegisterModel.CNY_SHARE_ONSHORE : RegisterModel.CNY_SHARE_OFFSHORE;
    int currency = random.nextDouble() < cnyShare ? CNY : USD;
    double usd;
    do { // redraw rather than clamp, so that no value piles up at the bounds
      usd =
          RegisterModel.lognormal(
              random, RegisterModel.MEDIAN_CONTRACT_USD[sector], RegisterModel.CONTRACT_SIGMA);
    } while (usd < RegisterModel.MIN_CONTRACT_USD || usd > RegisterModel.MAX_CONTRACT_USD);
    long value = Math.round(usd * (currency == CNY ? RegisterModel.CNY_PER_USD : 1) * 100);
    // value * fraction with fraction < 1 never rounds above value, so executed <= contract holds
    // exactly.
    long executed =
        random.nextDouble() < RegisterModel.FULLY_EXECUTED_SHARE
            ? value
            : (long) (value * random.nextDouble());
    byte[][] yearDates = dates[yearMix.next(random)];
    byte[] signed = yearDates[random.nextInt(yearDates.length)];
    byte[] city = firmCityForms[firm][ModelCity.FORM_MIX.next(random)];

    sink.put('C');
    sink.putZeroPadded(index + 1, ID_DIGITS);
    sink.put(',');
    sink.put(firmIds[firm]);
    sink.put(',');
    sink.put(city);
    sink.put(',');
    sink.put(signed);
    sink.put(',');
    sink.put(SECTORS[sector]);
    sink.put(',');
    sink.put(MARKETS[market]);
    sink.put(',');
    sink.putCents(value);
    sink.put(',');
    sink.putCents(executed);
    sink.put(',');
    sink.put(CURRENCIES[currency]);
    sink.put('\n');

    rowsByMarket[market]++;
    rowsByCurrency[currency]++;
    contractHundredths[currency] += value;
    executedHundredths[currency] += executed;
    if (++rowsSinceSpill == SPILL_ROWS) {
      spill();
    }
  }

  /** Per currency written: rows and the sums of contract_value and executed_value, as written. */
  Map<String, CurrencyTotals> currencyTotals() {
    spill();
    Map<String, CurrencyTotals> totals = new LinkedHashMap<>();
    for (int c = 0; c < CURRENCIES.length; c++) {
      if (rowsByCurrency[c] > 0) {
        totals.put(
            RegisterModel.CURRENCIES.get(c),
            new CurrencyTotals(rowsByCurrency[c], contractSpilled[c], executedSpilled[c]));
      }
    }
    return Collections.unmodifiableMap(totals);
  }

  /**
   * Rows written per client market, onshore {@code CN} first, then offshore markets largest first.
   */
  Map<String, Long> rowsByClientMarket() {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (int m = 0; m < MARKETS.length; m++) {
      if (rowsByMarket[m] > 0) {
        rows.put(RegisterModel.MARKETS.get(m), rowsByMarket[m]);
      }
    }
    return Collections.unmodifiableMap(rows);
  }

  private void spill() {
    for (int c = 0; c < CURRENCIES.length; c++) {
      contractSpilled[c] = contractSpilled[c].add(BigDecimal.valueOf(contractHundredths[c], 2));
      executedSpilled[c] = executedSpilled[c].add(BigDecimal.valueOf(executedHundredths[c], 2));
      contractHundredths[c] = 0;
      executedHundredths[c] = 0;
    }
    rowsSinceSpill = 0;
  }

  private static BigDecimal[] zeros(int length) {
    BigDecimal[] zeros = new BigDecimal[length];
    Arrays.fill(zeros, BigDecimal.ZERO.setScale(2));
    return zeros;
  }

  private static byte[][] encode(List<String> values) {
    return values.stream().map(ByteSink::utf8).toArray(byte[][]::new);
  }
}
