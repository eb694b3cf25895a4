package org.outsourcingstats.jobs.tables;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Builds rows of a schema by field name, so that a row never depends on the order in which a schema
 * lists its columns; a field left unset is NULL. Serializable, to build rows on the executors; a
 * field's position comes from the schema's own index ({@link StructType#fieldIndex}), which also
 * refuses a name the schema does not have.
 */
public final class RowBuilder implements Serializable {
  private static final long serialVersionUID = 1L;
  private final StructType schema;

  /** A builder of rows of {@code schema}. */
  public RowBuilder(StructType schema) {
    this.schema = schema;
  }

  /** A new row's values, all NULL. */
  public Values row() {
    return new Values(new Object[schema.size()]);
  }

  /** The values of one row being built. */
  public final class Values {
    private final Object[] values;

    private Values(Object[] values) {
      this.values = values;
    }

    /** Sets field {@code name}. */
    public Values set(String name, Object value) {
      values[schema.fieldIndex(name)] = value;
      return this;
    }

    public Row build() {
      return RowFactory.create(values);
    }
  }
}
