package org.outsourcingstats.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.outsourcingstats.common.error.PipelineException;
import org.outsourcingstats.common.landing.FileRejection;
import org.outsourcingstats.common.landing.Shape;

class LandingFolderTest {
  @TempDir Path landing;

  @Test
  void listsTheFilesOfAShapeInNameOrderWithoutHiddenOnes() throws IOException {
    Path observations = Files.createDirectories(landing.resolve("observations"));
    Files.writeString(observations.resolve("b.csv"), "b");
    Files.writeString(observations.resolve("a.csv"), "a");
    Files.writeString(observations.resolve(".a.csv.crc"), "hidden");
    Files.writeString(observations.resolve("_SUCCESS"), "");
    Files.createDirectories(observations.resolve("nested"));

    LandingFolder folder = LandingFolder.open(landing.toString(), new Configuration());

    assertThat(folder.files(Shape.OBSERVATIONS))
        .extracting(LandingFolder.LandedFile::name)
        .containsExactly(
            observations.resolve("a.csv").toString(), observations.resolve("b.csv").toString());
    assertThat(folder.files(Shape.CONTRACTS)).isEmpty();
  }

  @Test
  void acceptsAFileUriAndRecordsLocalFilesByTheirPlainPath() throws IOException {
    Path file = Files.createDirectories(landing.resolve("firms")).resolve("register.csv");
    Files.writeString(file, "abc");

    LandingFolder folder = LandingFolder.open(landing.toUri().toString(), new Configuration());
    LandingFolder.LandedFile landed = folder.files(Shape.FIRMS).get(0);

    assertThat(landed.name()).isEqualTo(file.toString());
    assertThat(landed.uri()).startsWith("file:");
    assertThat(landed.length()).isEqualTo(3);
    assertThat(new String(folder.readAll(landed), StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(folder.readHead(landed, 2)).containsExactly('a', 'b');
  }

  @Test
  void checksumIsTheSha256OfTheBytes() throws IOException {
    Path file = Files.createDirectories(landing.resolve("firms")).resolve("register.csv");
    Files.writeString(file, "abc");
    LandingFolder folder = LandingFolder.open(landing.toString(), new Configuration());

    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assertThat(folder.sha256(folder.files(Shape.FIRMS).get(0)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void aMissingFolderOrAFileIsNotALandingFolder() throws IOException {
    Path file = Files.writeString(landing.resolve("file.csv"), "x");

    assertThatThrownBy(
            () -> LandingFolder.open(landing.resolve("missing").toString(), new Configuration()))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("--landing");
    assertThatThrownBy(() -> LandingFolder.open(file.toString(), new Configuration()))
        .isInstanceOf(PipelineException.class);
  }

  @Test
  void linksAreFollowedOnlyInsideTheFolderAndOnlyToRegularFiles(@TempDir Path elsewhere)
      throws IOException, InterruptedException {
    Path observations = Files.createDirectories(landing.resolve("observations"));
    Path secret = Files.writeString(elsewhere.resolve("passwd"), "root:x:0:0");
    Files.writeString(observations.resolve("a.csv"), "a");
    Files.createSymbolicLink(observations.resolve("b-in.csv"), observations.resolve("a.csv"));
    Files.createSymbolicLink(observations.resolve("c-out.csv"), secret);
    Files.createSymbolicLink(observations.resolve("d-dangling.csv"), elsewhere.resolve("gone"));
    Files.createSymbolicLink(observations.resolve("e-folder"), elsewhere);
    assertThat(
            new ProcessBuilder("mkfifo", observations.resolve("f.fifo").toString())
                .start()
                .waitFor())
        .isZero();

    LandingFolder.Listing listing =
        LandingFolder.open(landing.toString(), new Configuration()).list(Shape.OBSERVATIONS);

    assertThat(listing.files())
        .extracting(LandingFolder.LandedFile::name)
        .containsExactly(
            observations.resolve("a.csv").toString(), observations.resolve("b-in.csv").toString());
    assertThat(listing.refused())
        .extracting(LandingFolder.RefusedFile::name)
        .containsExactly(
            observations.resolve("c-out.csv").toString(),
                observations.resolve("d-dangling.csv").toString(),
            observations.resolve("e-folder").toString(), observations.resolve("f.fifo").toString());
    assertThat(listing.refused())
        .extracting(LandingFolder.RefusedFile::reason)
        .satisfiesExactly(
            out ->
                assertThat(out).contains(secret.toString()).contains("outside the landing folder"),
            dangling -> assertThat(dangling).contains("does not exist"),
            folder -> assertThat(folder).contains("outside the landing folder"),
            fifo -> assertThat(fifo).contains("not a regular file"));
  }

  @Test
  void aFileThatCannotBeReadIsAFileRejectionNamingTheCause() throws IOException {
    Path file = Files.createDirectories(landing.resolve("firms")).resolve("register.csv");
    Files.writeString(file, "abc");
    LandingFolder folder = LandingFolder.open(landing.toString(), new Configuration());
    LandingFolder.LandedFile landed = folder.files(Shape.FIRMS).get(0);
    Files.delete(file);

    assertThatThrownBy(() -> folder.sha256(landed))
        .isInstanceOfSatisfying(
            FileRejection.class,
            rejection -> {
              assertThat(rejection.code())
                  .isEqualTo(org.outsourcingstats.common.quality.ReasonCode.UNREADABLE_FILE);
              assertThat(rejection.getMessage()).contains("FileNotFoundException");
            });
  }
}
