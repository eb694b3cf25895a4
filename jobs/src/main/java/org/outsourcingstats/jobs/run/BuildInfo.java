package org.outsourcingstats.jobs.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Which build of the application is running, as the build wrote it into the jar. */
public final class BuildInfo {
  private static final String RESOURCE = "/org/outsourcingstats/jobs/build.properties";
  private static final String ID = load();

  private BuildInfo() {}

  /**
   * The version and build time, e.g. {@code 0.1.0-SNAPSHOT built 2026-12-07T10:00:00Z}: a new build
   * of the same version has another.
   */
  public static String id() {
    return ID;
  }

  private static String load() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        // Classes not built by Maven: nothing says whether they changed, so this process is a
        // build of its own (gold tables are then always recomputed).
        return "unknown build of process "
            + ProcessHandle.current().pid()
            + " at "
            + System.nanoTime();
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown")
          + " built "
          + properties.getProperty("built", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the application jar", e);
    }
  }
}
