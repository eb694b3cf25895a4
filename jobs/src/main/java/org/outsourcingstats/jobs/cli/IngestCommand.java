package org.outsourcingstats.jobs.cli;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code ingest}: Land new raw files into raw_rows (bronze); files already landed are skipped. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Land new raw files into raw_rows (bronze); files already landed are skipped.")
public final class IngestCommand extends StepsCommand {
  @Override
  List<String> steps() {
    return List.of("ingest");
  }
}
