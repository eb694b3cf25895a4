package org.outsourcingstats.jobs.report;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for looking at a page as a reader would: the laid-out DOM and a
 * screenshot. Started without the background connections that a closed network refuses, with a
 * fresh profile each time.
 */
final class HeadlessChromium {
  /**
   * With this set to 1 (as CI does), a missing Chromium fails the tests that need it instead of
   * skipping them.
   */
  static final String REQUIRE = "PIPELINE_REQUIRE_CHROMIUM";

  private static final long TIMEOUT_SECONDS = 120;
  private final Path executable;
  private final Path workDir;

  private HeadlessChromium(Path executable, Path workDir) {
    this.executable = executable;
    this.workDir = workDir;
  }

  /** The browser on the PATH ({@code chromium}, as Debian installs it), if there is one. */
  static Optional<HeadlessChromium> find(Path workDir) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        Path candidate = Path.of(folder, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(new HeadlessChromium(candidate, workDir));
        }
      }
    }
    return Optional.empty();
  }

  static boolean required() {
    return "1".equals(System.getenv(REQUIRE));
  }

  /**
   * The DOM after the page loaded (and ran its inline scripts), laid out in a window {@code width}
   * wide.
   */
  String dumpDom(Path page, int width) throws IOException, InterruptedException {
    Path out = workDir.resolve("dom-" + System.nanoTime() + ".html");
    run(out, "--window-size=" + width + ",900", "--dump-dom", page.toUri().toString());
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /**
   * A screenshot of the window's {@code width} x {@code height} pixels (one pixel per CSS pixel).
   */
  void screenshot(Path page, int width, int height, Path png)
      throws IOException, InterruptedException {
    run(
        workDir.resolve("screenshot-" + System.nanoTime() + ".log"),
        "--window-size=" + width + "," + height,
        "--screenshot=" + png,
        page.toUri().toString());
    if (!Files.isRegularFile(png)) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
  }

  private void run(Path stdout, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path stderr = workDir.resolve("chromium-" + System.nanoTime() + ".err");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "chromium exited with "
              + process.exitValue()
              + ": "
              + command
              + "\n"
              + Files.readString(stderr));
    }
  }
}
