package org.outsourcingstats.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.outsourcingstats.jobs.SharedSpark;

@ExtendWith(SharedSpark.class)
class ProgressTest {
  @Test
  void aLongStepReportsItsStagesUntilClosed() throws InterruptedException {
    List<String> lines = new CopyOnWriteArrayList<>();
    MapPartitionsFunction<Long, Long> slow =
        rows -> {
          Thread.sleep(400);
          return rows;
        };

    try (Progress progress =
        Progress.start(
            SharedSpark.spark().sparkContext(), Duration.ofMillis(20), "normalize", lines::add)) {
      SharedSpark.spark()
          .range(0, 4, 1, 4)
          .as(Encoders.LONG())
          .mapPartitions(slow, Encoders.LONG())
          .count();
    }
    int atClose = lines.size();
    Thread.sleep(100);

    assertThat(lines)
        .isNotEmpty()
        .allMatch(
            line ->
                line.matches(
                    "normalize: running \\d+ s, [\\d,]+ rows read by finished tasks; "
                        + "stage \\d+ .*\\(\\d+ of \\d+ tasks\\).*"));
    assertThat(lines).as("no line after close").hasSize(atClose);
  }
}
