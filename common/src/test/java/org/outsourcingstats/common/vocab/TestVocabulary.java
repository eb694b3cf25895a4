package org.outsourcingstats.common.vocab;

import java.nio.file.Path;

/** The repository's reference vocabularies (conf/reference), loaded once for the tests. */
public final class TestVocabulary {
  private static Vocabulary vocabulary;

  private TestVocabulary() {}

  public static synchronized Vocabulary get() {
    if (vocabulary == null) {
      vocabulary = Vocabulary.load(referenceDir());
    }
    return vocabulary;
  }

  public static Path referenceDir() {
    Path here = Path.of("").toAbsolutePath();
    Path candidate = here.resolve("conf/reference");
    return candidate.toFile().isDirectory()
        ? candidate
        : here.getParent().resolve("conf/reference");
  }
}
