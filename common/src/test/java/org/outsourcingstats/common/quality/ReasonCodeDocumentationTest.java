package org.outsourcingstats.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonCodeDocumentationTest {
  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void everyReasonCodeIsListedInTheReadme(ReasonCode code) throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path readme =
        Files.exists(here.resolve("README.md"))
            ? here.resolve("README.md")
            : here.getParent().resolve("README.md");
    assertThat(Files.readString(readme, StandardCharsets.UTF_8))
        .contains("| `" + code.name() + "` |");
  }
}
