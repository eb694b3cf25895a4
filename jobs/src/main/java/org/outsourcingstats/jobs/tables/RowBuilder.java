package org.outsourcingstats.jobs.tables;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Builds rows of a schema by field name, so that a row never depends on the order in which a schema
 * lists its columns; a field left unset is NULL. Serializable, to build rows on the executors; a
 * field's position is found in a hash map, a few nanoseconds a field.
 */
public final class RowBuilder implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Map<String, Integer> positions = new HashMap<>();

  /** A builder of rows of {@code schema}. */
  public RowBuilder(StructType schema) {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      positions.put(names[i], i);
    }
  }

  /** A new row's values, all NULL. */
  public Values row() {
    return new Values(new Object[positions.size()]);
  }

  /** The values of one row being built. */
  public final class Values {
    private final Object[] values;

    private Values(Object[] values) {
      this.values = values;
    }

    /** Sets field {@code name}; a name the schema does not have is a programming error. */
    public Values set(String name, Object value) {
      Integer position = positions.get(name);
      if (position == null) {
        throw new IllegalArgumentException("no field " + name + " in " + positions.keySet());
      }
      values[position] = value;
      return this;
    }

    public Row build() {
      return RowFactory.create(values);
    }
  }
}
