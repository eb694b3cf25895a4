package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.outsourcingstats.jobs.Cli.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What CI can prove of the notebooks without PySpark: both are nbformat 4 documents, and every SQL
 * statement and table of the PySpark notebook returns rows through the pipeline's {@code sql}
 * command on a warehouse built from the sample. (The pandas notebook is executed by {@code
 * .ci/run}.)
 */
@ExtendWith(SharedSpark.class)
class NotebooksTest {
  private static final Pattern ANY_SQL_CALL = Pattern.compile("spark\\.sql\\(");

  /** The one form a query may take in the notebook, so that none escapes this test. */
  private static final Pattern SQL_CALL =
      Pattern.compile("spark\\.sql\\(\"\"\"(.*?)\"\"\"\\)", Pattern.DOTALL);

  private static final Pattern TABLE_CALL = Pattern.compile("spark\\.table\\(\"([^\"]+)\"\\)");

  /** The database the notebook names; a test has its own. */
  private static final Pattern DATABASE =
      Pattern.compile("(?<![\\w.'\"-])outsourcing(?=\\.\\w|\\s|$)");

  private static JsonNode notebook(String name) throws IOException {
    return new ObjectMapper()
        .readTree(PipelineFixture.repository().resolve("notebooks").resolve(name).toFile());
  }

  private static String text(JsonNode source) {
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  private static String code(JsonNode notebook) {
    StringBuilder code = new StringBuilder();
    for (JsonNode cell : notebook.get("cells")) {
      if (cell.get("cell_type").asText().equals("code")) {
        code.append(text(cell.get("source"))).append('\n');
      }
    }
    return code.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"outsourcing-pyspark.ipynb", "outsourcing-pandas.ipynb"})
  void isAnNbformat4NotebookWithChartCells(String name) throws IOException {
    JsonNode notebook = notebook(name);

    assertThat(notebook.path("nbformat").asInt()).isEqualTo(4);
    assertThat(notebook.path("nbformat_minor").isInt()).isTrue();
    assertThat(notebook.path("metadata").path("kernelspec").path("name").asText())
        .isEqualTo("python3");
    assertThat(notebook.path("cells").isArray()).isTrue();
    int charts = 0;
    for (JsonNode cell : notebook.get("cells")) {
      String type = cell.path("cell_type").asText();
      assertThat(type).isIn("markdown", "code", "raw");
      assertThat(cell.path("metadata").isObject()).as("metadata of %s", cell).isTrue();
      JsonNode source = cell.path("source");
      assertThat(source.isTextual() || source.isArray() && allTextual(source))
          .as("source of %s", cell)
          .isTrue();
      if (type.equals("code")) {
        assertThat(cell.path("outputs").isArray()).as("outputs of %s", cell).isTrue();
        assertThat(cell.has("execution_count")).isTrue();
        for (JsonNode tag : cell.path("metadata").path("tags")) {
          charts += tag.asText().equals("chart") ? 1 : 0;
        }
      } else {
        assertThat(cell.has("outputs")).as("a %s cell has no outputs", type).isFalse();
      }
    }
    assertThat(charts).as("cells tagged 'chart'").isGreaterThanOrEqualTo(4);
  }

  private static boolean allTextual(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isTextual()) {
        return false;
      }
    }
    return true;
  }

  @Test
  void everySqlStatementAndTableOfThePysparkNotebookReturnsRowsOnTheSample(@TempDir Path root)
      throws IOException {
    String code = code(notebook("outsourcing-pyspark.ipynb"));
    List<String> statements = new ArrayList<>();
    Matcher sql = SQL_CALL.matcher(code);
    while (sql.find()) {
      statements.add(sql.group(1).strip());
    }
    assertThat(ANY_SQL_CALL.matcher(code).results().count())
        .as("every spark.sql call is spark.sql(\"\"\"...\"\"\"), so that this test runs it")
        .isEqualTo(statements.size());
    Matcher table = TABLE_CALL.matcher(code);
    while (table.find()) {
      statements.add("SELECT * FROM " + table.group(1) + " LIMIT 1");
    }
    // The three questions' queries, the tour of the sample, SHOW TABLES, DESCRIBE HISTORY and one
    // spark.table.
    assertThat(statements).hasSizeGreaterThanOrEqualTo(7);

    PipelineFixture fixture = new PipelineFixture(root).copyWholeSample().afterRun();
    for (String statement : statements) {
      Cli.Outcome result =
          execute(
              fixture,
              "sql",
              "--format",
              "csv",
              DATABASE.matcher(statement).replaceAll(fixture.database));
      assertThat(result.exit()).as("%s%n%s", statement, result.err()).isZero();
      assertThat(result.out().lines().count())
          .as("header and rows of%n%s%n%s", statement, result.out())
          .isGreaterThanOrEqualTo(2);
    }
    assertThat(Set.copyOf(statements)).hasSameSizeAs(statements);
  }
}
