package org.outsourcingstats.jobs.cli;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.JsonLayout;

/**
 * How the process writes its log lines on standard error ({@code --log-format}). JSON is for log
 * collectors: one object a line, the error a command ends with among them, and a run's result
 * (README, The run's result) as the last line.
 */
public enum LogFormat {
  /** The lines of the log4j2 configuration the process started with. */
  TEXT,
  /** One JSON object a line (log4j's JSON layout), whatever logger wrote it. */
  JSON;

  private static volatile LogFormat current = TEXT;

  /** The format this process writes. */
  public static LogFormat current() {
    return current;
  }

  /**
   * Makes this the process's format from now on. JSON replaces the appenders of every configured
   * logger with one console appender on standard error whose layout writes each event as a compact
   * JSON object; TEXT after JSON reloads the configuration the process started with.
   */
  public void apply() {
    LogFormat before = current;
    current = this;
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    if (this == TEXT) {
      if (before == JSON) {
        context.reconfigure();
      }
      return;
    }
    Configuration configuration = context.getConfiguration();
    Appender json =
        ConsoleAppender.newBuilder()
            .setName("pipeline-json")
            .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
            // Standard error as it is when an event is written, not when the appender was built.
            .setFollow(true)
            .setLayout(
                JsonLayout.newBuilder()
                    .setConfiguration(configuration)
                    .setCompact(true)
                    .setEventEol(true)
                    .build())
            .build();
    json.start();
    configuration.addAppender(json);
    for (LoggerConfig logger : configuration.getLoggers().values()) {
      logger.getAppenders().keySet().forEach(logger::removeAppender);
      if (logger == configuration.getRootLogger() || !logger.isAdditive()) {
        logger.addAppender(json, null, null);
      }
    }
    if (!configuration.getLoggers().containsValue(configuration.getRootLogger())) {
      LoggerConfig root = configuration.getRootLogger();
      root.getAppenders().keySet().forEach(root::removeAppender);
      root.addAppender(json, null, null);
    }
    context.updateLoggers();
  }
}
