package org.outsourcingstats.common.report;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders the report as one self-contained HTML page: inline CSS and SVG charts, system fonts, no
 * scripts and no network access, laid out for a laptop screen and for print (a page per section).
 *
 * <p>The page structure lives in the Mustache template {@code report.html.mustache} beside this
 * class; jmustache escapes every value put into it, except the charts' SVG, which {@link LineChart}
 * escapes itself.
 */
public final class HtmlReport {
  private static final String TEMPLATE = "report.html.mustache";
  private static final Template PAGE = compile();

  private HtmlReport() {}

  /** What the template shows; the names are the template's. */
  record View(
      String title,
      String subtitle,
      String sources,
      List<Headlines.Headline> headlines,
      List<Panel> growthPanels,
      List<GrowthSection.CrossCheck> crossChecks,
      List<Panel> concentrationPanels,
      List<ConcentrationSection.Row> concentrationRows,
      String concentrationOmitted,
      List<Panel> targetPanels,
      List<TargetsSection.Row> targetRows) {}

  /** The page's element that holds {@link ReportInput#sources}, as the page writes it. */
  public static String sourcesElement(String sources) {
    return "<meta name=\"outsourcing-pipeline-sources\" content=\""
        + Escapers.HTML.escape(sources)
        + "\">";
  }

  public static String render(ReportInput input) {
    Labels labels = new Labels(input.marketNames());
    ConcentrationSection.Charted concentration =
        ConcentrationSection.charted(input.concentration());
    View view =
        new View(
            input.title(),
            input.subtitle(),
            input.sources(),
            Headlines.of(input.growth(), input.concentration(), labels),
            GrowthSection.panels(input.growth(), labels),
            GrowthSection.crossChecks(input.growth(), labels),
            ConcentrationSection.panels(concentration, labels),
            ConcentrationSection.rows(concentration, labels),
            concentration.omittedNote(),
            TargetsSection.panels(input.targets(), input.growth(), labels),
            TargetsSection.rows(input.targets(), labels));
    return PAGE.execute(view);
  }

  private static Template compile() {
    // Partials ({{> panel}}) are templates beside this one: panel.mustache.
    Mustache.Compiler compiler =
        Mustache.compiler()
            .escapeHTML(true)
            .nullValue("")
            .emptyStringIsFalse(true)
            .withLoader(name -> resource(name + ".mustache"));
    try (Reader page = resource(TEMPLATE)) {
      return compiler.compile(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reader resource(String name) {
    InputStream stream = HtmlReport.class.getResourceAsStream(name);
    if (stream == null) {
      throw new IllegalStateException("the report template " + name + " is missing from the jar");
    }
    return new InputStreamReader(stream, StandardCharsets.UTF_8);
  }
}
