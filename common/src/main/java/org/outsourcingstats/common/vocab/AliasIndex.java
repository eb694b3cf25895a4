package org.outsourcingstats.common.vocab;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.outsourcingstats.common.error.Errors;
import org.outsourcingstats.common.text.TextKeys;

/**
 * Names to members under {@link TextKeys#key}; a name that would identify two members is a
 * reference-data error.
 */
final class AliasIndex<T extends Serializable> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String vocabulary;
  private final Map<String, T> byKey = new HashMap<>();

  AliasIndex(String vocabulary) {
    this.vocabulary = vocabulary;
  }

  void put(String name, T member) {
    String key = TextKeys.key(name);
    if (key.isEmpty()) {
      return;
    }
    T previous = byKey.putIfAbsent(key, member);
    if (previous != null && !Objects.equals(previous, member)) {
      throw Errors.ambiguousAlias(vocabulary, name, previous.toString(), member.toString());
    }
  }

  Optional<T> find(String name) {
    return Optional.ofNullable(byKey.get(TextKeys.key(name)));
  }

  Optional<T> findKey(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  int size() {
    return byKey.size();
  }
}
