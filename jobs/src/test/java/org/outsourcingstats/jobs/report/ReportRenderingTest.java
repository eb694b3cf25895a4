package org.outsourcingstats.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.outsourcingstats.jobs.Cli.execute;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.jobs.Cli.Outcome;
import org.outsourcingstats.jobs.PipelineFixture;
import org.outsourcingstats.jobs.SharedSpark;
import org.outsourcingstats.jobs.report.ChartRegions.Chart;

/**
 * The report as a reader sees it: the pipeline runs on the bundled sample, {@code report --out}
 * writes the page, headless Chromium lays it out and takes a screenshot, and every chart must show
 * its lines' colours where the browser placed it. Without Chromium the test is skipped, unless
 * {@code PIPELINE_REQUIRE_CHROMIUM=1} (CI).
 */
@ExtendWith(SharedSpark.class)
class ReportRenderingTest {
  /** A laptop screen's width in CSS pixels. */
  private static final int WIDTH = 1280;

  /** Where the screenshot is kept for a look after the build. */
  private static final Path KEPT = Path.of("target", "report-rendering");

  @Test
  void everyChartOfTheSampleReportDrawsInChromium(@TempDir Path root) throws Exception {
    Optional<HeadlessChromium> found = HeadlessChromium.find(root);
    if (found.isEmpty() && HeadlessChromium.required()) {
      throw new AssertionError(
          "Chromium is required ("
              + HeadlessChromium.REQUIRE
              + "=1) but there is no "
              + "'chromium' on the PATH; install Debian's: apt-get install -y chromium");
    }
    Assumptions.assumeTrue(
        found.isPresent(), "no chromium on the PATH (apt-get install -y chromium)");
    HeadlessChromium chromium = found.get();

    PipelineFixture fixture = new PipelineFixture(root).copyWholeSample().afterRun();
    Path folder = root.resolve("report");
    Outcome report = execute(fixture, "report", "--out", folder.toString());
    assertThat(report.exit()).as(report.err()).isZero();
    Path page = folder.resolve(ReportJob.FILE_NAME);
    assertThat(report.out()).contains("Report written to " + page);
    String html = Files.readString(page);

    // As many charts as the tables call for, counted here with SQL: a growth chart per entity and
    // indicator with full-year levels, a concentration chart per shared total of destinations or
    // sectors, a chart per plan with a base.
    long expected =
        count(
                fixture,
                "SELECT count(DISTINCT entity_code, indicator) FROM ${db}.growth "
                    + "WHERE period = 'FY'")
            + count(
                fixture,
                "SELECT count(DISTINCT scope_code, dimension, indicator, sector, market, period) "
                    + "FROM ${db}.concentration WHERE dimension IN ('market', 'sector')")
            + count(fixture, "SELECT count(*) FROM ${db}.targets WHERE base_year IS NOT NULL");
    assertThat(expected).isGreaterThanOrEqualTo(10);

    Path probe = root.resolve("probe.html");
    Files.writeString(probe, ChartRegions.withProbe(html));
    String dom = chromium.dumpDom(probe, WIDTH);
    List<Chart> charts = ChartRegions.charts(dom);
    int height = ChartRegions.pageHeight(dom);
    assertThat(charts).hasSize((int) expected);

    Files.createDirectories(KEPT);
    Path png = KEPT.resolve("report.png").toAbsolutePath();
    Files.deleteIfExists(png);
    chromium.screenshot(page, WIDTH, height, png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(WIDTH);
    assertThat(image.getHeight()).isEqualTo(height);

    // Every chart shows its top line (the first, drawn last, so never hidden by another) where the
    // browser put it, and every colour any chart declares shows somewhere: lines of close values
    // may hide one another in one chart, as China's destination markets do.
    Set<String> declared = new TreeSet<>();
    Set<String> seen = new TreeSet<>();
    for (Chart chart : charts) {
      assertThat(chart.width()).as("width of %s", chart.label()).isBetween(280, 420);
      assertThat(chart.height()).as("height of %s", chart.label()).isGreaterThan(150);
      assertThat(chart.y() + chart.height())
          .as("bottom of %s", chart.label())
          .isLessThanOrEqualTo(height);
      assertThat(chart.colours()).as("line colours of %s", chart.label()).isNotEmpty();
      List<String> visible = ChartRegions.seenColours(image, chart);
      assertThat(visible)
          .as("colours of %s seen in its box of the screenshot %s", chart.label(), png)
          .contains(chart.colours().get(0));
      declared.addAll(chart.colours());
      seen.addAll(visible);
    }
    assertThat(seen).as("line colours seen in the screenshot %s", png).isEqualTo(declared);
  }

  private static long count(PipelineFixture fixture, String query) {
    return fixture.sql(query).first().getLong(0);
  }
}
