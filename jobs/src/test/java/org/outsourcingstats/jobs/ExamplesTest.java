package org.outsourcingstats.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduling examples of {@code examples/} run the command the README documents, with the
 * pipeline's main class, its {@code run} command's own options and the Spark the build uses. What
 * CI can prove without Airflow or Kubernetes: the DAGs compile, the manifests parse, and the
 * commands they build are read out of them and compared with the README and the code.
 */
class ExamplesTest {
  private static final Path REPOSITORY = PipelineFixture.repository();
  private static final Path EXAMPLES = REPOSITORY.resolve("examples");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where a command line stops being the pipeline's arguments and the shell's again. */
  private static final Set<String> SHELL_OPERATORS =
      Set.of(">", ">>", "2>&1", "&&", "||", "|", ";");

  /** A crontab line that sets a variable instead of scheduling a command. */
  private static final Pattern CRON_VARIABLE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=");

  /** The README's spark-submit of the application jar: {@code spark-submit --class C JAR ARGS}. */
  private record SparkSubmit(String mainClass, String jar, List<String> args) {
    static SparkSubmit ofReadme() throws IOException {
      List<String> words = words(readmeLine("spark-submit --class "));
      return new SparkSubmit(words.get(2), words.get(3), words.subList(4, words.size()));
    }

    String jarName() {
      return Path.of(jar).getFileName().toString();
    }
  }

  private static String readmeLine(String start) throws IOException {
    return Files.readAllLines(REPOSITORY.resolve("README.md")).stream()
        .map(String::strip)
        .filter(line -> line.startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError("README.md has no line starting with " + start));
  }

  /** The README's command that runs the pipeline, {@code scripts/pipeline run}, without options. */
  private static List<String> readmeRunCommand() throws IOException {
    return words(readmeLine("scripts/pipeline run").replaceFirst("#.*", ""));
  }

  private static List<String> words(String commandLine) {
    return Arrays.asList(commandLine.strip().split("\\s+"));
  }

  /** The names of the {@code run} command's options, as its picocli spec declares them. */
  private static Set<String> runOptions() {
    return PipelineCli.commandLine()
        .getSubcommands()
        .get("run")
        .getCommandSpec()
        .optionsMap()
        .keySet();
  }

  /**
   * Arguments of the pipeline: {@code run}, a configuration file and only {@code run}'s options.
   */
  private static void assertRunArguments(List<String> args) {
    assertThat(args).as("arguments %s", args).first().isEqualTo("run");
    assertThat(args).as("arguments %s", args).contains("--config-file");
    List<String> options =
        args.stream().filter(arg -> arg.startsWith("-")).map(arg -> arg.split("=", 2)[0]).toList();
    assertThat(options).as("options of %s", args).isSubsetOf(runOptions());
  }

  /**
   * The pipeline's arguments in {@code command}, from {@code run} up to where the shell takes over
   * again; fails when the command does not run the README's run command.
   */
  private static List<String> pipelineArguments(String command) throws IOException {
    List<String> words = words(command);
    List<String> run = readmeRunCommand();
    int launcher = Collections.indexOfSubList(words, run);
    assertThat(launcher).as("%s runs %s", command, String.join(" ", run)).isNotNegative();
    int end = launcher + run.size();
    while (end < words.size() && !SHELL_OPERATORS.contains(words.get(end))) {
      end++;
    }
    return words.subList(launcher + run.size() - 1, end);
  }

  private static void assertDaily(List<String> cronFields) {
    assertThat(cronFields).as("a cron schedule").hasSize(5);
    assertThat(cronFields.subList(0, 2))
        .as("minute and hour of %s", cronFields)
        .allMatch(field -> field.matches("\\d+"));
    assertThat(cronFields.subList(2, 5)).as("every day of %s", cronFields).containsOnly("*");
  }

  /** The files of {@code examples/} with that ending, relative to it. */
  private static List<Path> examples(String ending) throws IOException {
    try (Stream<Path> files = Files.walk(EXAMPLES)) {
      return files
          .filter(file -> file.toString().endsWith(ending))
          .map(EXAMPLES::relativize)
          .sorted()
          .toList();
    }
  }

  static List<Path> pythonFiles() throws IOException {
    return examples(".py");
  }

  static List<Path> yamlFiles() throws IOException {
    return examples(".yaml");
  }

  private static String example(String path) throws IOException {
    return Files.readString(EXAMPLES.resolve(path));
  }

  private static List<JsonNode> documents(Path yaml) throws IOException {
    return YAML.readerFor(JsonNode.class).readValues(yaml.toFile()).readAll().stream()
        .map(JsonNode.class::cast)
        .toList();
  }

  /** The one document of {@code path} whose kind is {@code kind}. */
  private static JsonNode manifest(String path, String kind) throws IOException {
    List<JsonNode> matching =
        documents(EXAMPLES.resolve(path)).stream()
            .filter(document -> document.path("kind").asText().equals(kind))
            .toList();
    assertThat(matching).as("%s documents in %s", kind, path).hasSize(1);
    return matching.get(0);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(element -> texts.add(element.asText()));
    return texts;
  }

  private static String majorMinor(String version) {
    return version.replaceFirst("^(\\d+\\.\\d+).*", "$1");
  }

  /** The one {@code keyword="..."} (or {@code keyword=f"..."}) argument of a Python source. */
  private static String pythonString(String source, String keyword) {
    Matcher matcher = Pattern.compile("\\b" + keyword + "=f?\"([^\"]*)\"").matcher(source);
    assertThat(matcher.find()).as("%s=\"...\" in the DAG", keyword).isTrue();
    String value = matcher.group(1);
    assertThat(matcher.find()).as("a second %s= in the DAG", keyword).isFalse();
    return value;
  }

  /** The strings of the one {@code keyword=[...]} argument of a Python source. */
  private static List<String> pythonStrings(String source, String keyword) {
    Matcher matcher = Pattern.compile("\\b" + keyword + "=\\[([^\\]]*)\\]").matcher(source);
    assertThat(matcher.find()).as("%s=[...] in the DAG", keyword).isTrue();
    return Pattern.compile("\"([^\"]*)\"")
        .matcher(matcher.group(1))
        .results()
        .map(string -> string.group(1))
        .toList();
  }

  /** The command of the one scheduled line of a crontab, checked to run daily. */
  private static String dailyCronCommand(String crontab) {
    List<String> entries =
        crontab
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .filter(line -> !CRON_VARIABLE.matcher(line).find())
            .toList();
    assertThat(entries).as("scheduled lines of the crontab").hasSize(1);
    List<String> fields = words(entries.get(0));
    assertDaily(fields.subList(0, 5));
    return String.join(" ", fields.subList(5, fields.size()));
  }

  private static String python() {
    // Debian's interpreter when there is one (as .ci/run uses), else whichever python3 is on PATH.
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pythonFiles")
  void everyPythonFileCompiles(Path example, @TempDir Path scratch) throws Exception {
    Path stderr = scratch.resolve("stderr");
    // Airflow is not installed: compiling proves the syntax without importing anything.
    ProcessBuilder compile =
        new ProcessBuilder(python(), "-m", "py_compile", EXAMPLES.resolve(example).toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(stderr.toFile());
    // Bytecode goes to the test's folder, not into a __pycache__ beside the example.
    compile.environment().put("PYTHONPYCACHEPREFIX", scratch.resolve("pycache").toString());
    Process process = compile.start();

    assertThat(process.waitFor(60, TimeUnit.SECONDS))
        .as("py_compile of %s ended", example)
        .isTrue();
    assertThat(process.exitValue())
        .as("py_compile %s:%n%s", example, Files.readString(stderr))
        .isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("yamlFiles")
  void everyYamlFileParsesIntoSparkOperatorObjects(Path example) throws IOException {
    List<JsonNode> documents = documents(EXAMPLES.resolve(example));

    assertThat(documents).as("documents of %s", example).isNotEmpty();
    for (JsonNode document : documents) {
      assertThat(document.path("apiVersion").asText()).isEqualTo("sparkoperator.k8s.io/v1beta2");
      assertThat(document.path("kind").asText()).as("kind in %s", example).isNotEmpty();
      assertThat(document.path("spec").isObject()).as("spec of %s", example).isTrue();
    }
  }

  @Test
  void theSparkApplicationRunsThePipelinesMainClassOnTheSparkOfTheDefaultBuild() throws Exception {
    JsonNode spec = manifest("kubernetes/spark-application.yaml", "SparkApplication").path("spec");

    assertThat(spec.path("type").asText()).isEqualTo("Java");
    assertThat(spec.path("mode").asText()).isEqualTo("cluster");
    assertThat(spec.path("mainClass").asText())
        .as("mainClass")
        .isEqualTo(PipelineCli.class.getName());
    assertThat(spec.path("mainApplicationFile").asText())
        .startsWith("local:///")
        .endsWith("/" + SparkSubmit.ofReadme().jarName());
    assertRunArguments(texts(spec.path("arguments")));
    // The example runs the default jar (Spark 3.5), whichever profile runs this test.
    assertThat(majorMinor(spec.path("sparkVersion").asText()))
        .as("sparkVersion against the default build's Spark")
        .isEqualTo(majorMinor(defaultBuildProperty("spark.version")));
    assertThat(texts(spec.path("deps").path("packages")))
        .as("S3A at the Hadoop of the default build's Spark")
        .contains("org.apache.hadoop:hadoop-aws:" + defaultBuildProperty("hadoop.version"));
  }

  @Test
  void theScheduledSparkApplicationRunsTheSameApplicationDailyOneAtATime() throws IOException {
    JsonNode application = manifest("kubernetes/spark-application.yaml", "SparkApplication");
    JsonNode scheduled =
        manifest("kubernetes/scheduled-spark-application.yaml", "ScheduledSparkApplication")
            .path("spec");

    assertThat(scheduled.path("template"))
        .as("the template against spark-application.yaml's spec")
        .isEqualTo(application.path("spec"));
    assertDaily(words(scheduled.path("schedule").asText()));
    assertThat(scheduled.path("concurrencyPolicy").asText()).isEqualTo("Forbid");
  }

  @Test
  void theSparkSubmitDagBuildsTheReadmesSparkSubmitCommand() throws IOException {
    String dag = example("airflow/outsourcing_spark_submit.py");
    SparkSubmit readme = SparkSubmit.ofReadme();

    assertThat(readme.mainClass())
        .as("the README's --class")
        .isEqualTo(PipelineCli.class.getName());
    assertThat(pythonString(dag, "java_class")).as("java_class").isEqualTo(readme.mainClass());
    assertThat(pythonString(dag, "application")).as("application").endsWith("/" + readme.jar());
    assertThat(pythonStrings(dag, "application_args"))
        .as("application_args")
        .isEqualTo(readme.args());
    assertRunArguments(readme.args());
  }

  static Stream<Arguments> shellSchedules() {
    Function<String, String> bashCommand = dag -> pythonString(dag, "bash_command");
    Function<String, String> cronCommand = ExamplesTest::dailyCronCommand;
    return Stream.of(
        Arguments.of("airflow/outsourcing_bash.py", bashCommand),
        Arguments.of("cron/outsourcing.cron", cronCommand));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shellSchedules")
  void theShellSchedulesRunTheReadmesRunCommand(String example, Function<String, String> command)
      throws IOException {
    assertRunArguments(pipelineArguments(command.apply(example(example))));
  }

  @Test
  void theCronEntrySkipsADayWhoseRunIsStillGoing() throws IOException {
    String command = dailyCronCommand(example("cron/outsourcing.cron"));
    String run = String.join(" ", readmeRunCommand());

    assertThat(command).contains(run);
    assertThat(words(command.substring(0, command.indexOf(run))))
        .as("before the pipeline in %s", command)
        .containsSubsequence("flock", "-n");
  }

  /** A property of the parent pom as the default build (no profile) sees it. */
  private static String defaultBuildProperty(String name) throws Exception {
    var properties =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(REPOSITORY.resolve("pom.xml").toFile())
            .getDocumentElement()
            .getElementsByTagName("properties")
            .item(0);
    for (var node = properties.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (name.equals(node.getNodeName())) {
        return node.getTextContent().trim();
      }
    }
    throw new AssertionError("pom.xml's <properties> has no " + name);
  }
}
