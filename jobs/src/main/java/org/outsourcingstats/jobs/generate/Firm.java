package org.outsourcingstats.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What stays fixed about a firm of the synthetic register across its years.
 *
 * @param id {@code F000123}
 * @param city the one city it is registered in
 * @param sector index of its main sector in {@link RegisterModel#SECTORS}
 * @param size relative size: its share of contracts and the scale of its revenue
 * @param reportsInYuan whether the register gives its revenue in 万元 rather than 万美元
 * @param growth its yearly revenue growth, as a fraction
 * @param revenuePerEmployeeUsd productivity, which turns revenue into a head count
 */
record Firm(
    String id,
    String name,
    ModelCity city,
    int sector,
    double size,
    boolean fortune500,
    boolean reportsInYuan,
    double growth,
    double revenuePerEmployeeUsd) {

  /** Business words of firm names by sector, English and Chinese side by side. */
  private static final String[][][] NAME_WORDS = {
    {{"Software", "软件"}, {"Information Technology", "信息技术"}, {"Digital Technology", "数字科技"}},
    {{"Business Services", "商务服务"}, {"Data Services", "数据服务"}, {"Contact Center", "呼叫中心"}},
    {{"Consulting", "咨询"}, {"Research and Development", "研发"}, {"Design", "设计"}}
  };

  private static final WeightedChoice CITY_MIX =
      WeightedChoice.of(ModelCity.ALL.stream().mapToDouble(ModelCity::weight).toArray());

  /** Fortune 500 subsidiaries are an order of magnitude larger than the typical local firm. */
  private static final double FORTUNE500_SIZE = 15;

  /** Draws {@code count} firms; firm {@code n} (from 1) has id {@code F} + n on six digits. */
  static List<Firm> draw(int count, SplittableRandom random) {
    List<Firm> firms = new ArrayList<>(count);
    for (int number = 1; number <= count; number++) {
      ModelCity city = ModelCity.ALL.get(CITY_MIX.next(random));
      int sector = RegisterModel.SECTOR_MIX.next(random);
      String[] words = NAME_WORDS[sector][random.nextInt(NAME_WORDS[sector].length)];
      // Registers mix languages; alternating keeps both forms in every sample, however small.
      String name =
          number % 2 == 1
              ? city.nameEn() + " " + words[0] + " Co. " + number
              : city.nameZh() + words[1] + "有限公司" + number;
      boolean fortune500 = random.nextDouble() < RegisterModel.FORTUNE500_SHARE;
      double size = RegisterModel.lognormal(random, 1, 1.2) * (fortune500 ? FORTUNE500_SIZE : 1);
      boolean reportsInYuan = random.nextDouble() < 0.45;
      double growth = 0.04 + 0.12 * random.nextDouble();
      double revenuePerEmployee = 20_000 + 40_000 * random.nextDouble();
      String id = String.format(Locale.ROOT, "F%06d", number);
      firms.add(
          new Firm(
              id, name, city, sector, size, fortune500, reportsInYuan, growth, revenuePerEmployee));
    }
    return firms;
  }
}
