package org.outsourcingstats.jobs.register;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.outsourcingstats.common.vocab.Market;
import org.outsourcingstats.common.vocab.Sector;
import org.outsourcingstats.common.vocab.Vocabulary;

/**
 * The register's names resolved by the same vocabulary code as every other shape, as three SQL
 * functions: {@code contract_entity(city)} a struct {@code (code, name, level)}, {@code
 * contract_sector(sector)} a sector code other than ALL, {@code contract_market(client_market)} a
 * struct {@code (code, kind)} for a destination or onshore clients; each NULL for a name the
 * vocabulary does not know. They run in the pass that reads the register, so that resolving its
 * names costs no pass of its own; a register repeats a few dozen names, so each task remembers the
 * names it resolved.
 */
final class ContractNames {
  static final String ENTITY = "contract_entity";
  static final String SECTOR = "contract_sector";
  static final String MARKET = "contract_market";

  /**
   * Names remembered per task: a register has a few dozen; a hostile file with millions stays
   * within memory.
   */
  private static final int REMEMBERED = 4096;

  private ContractNames() {}

  static void register(SparkSession spark, Vocabulary vocabulary) {
    spark.udf().register(ENTITY, new Lookup(vocabulary, Resolver.ENTITY), Resolver.ENTITY.type);
    spark.udf().register(SECTOR, new Lookup(vocabulary, Resolver.SECTOR), Resolver.SECTOR.type);
    spark.udf().register(MARKET, new Lookup(vocabulary, Resolver.MARKET), Resolver.MARKET.type);
  }

  private enum Resolver {
    ENTITY(
        new StructType()
            .add("code", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("level", DataTypes.StringType),
        (vocabulary, name) ->
            vocabulary.entity(name).map(e -> RowFactory.create(e.code(), e.nameEn(), e.level()))),
    SECTOR(
        DataTypes.StringType,
        (vocabulary, name) ->
            vocabulary.sector(name).map(Sector::code).filter(code -> !Sector.ALL.equals(code))),
    MARKET(
        new StructType().add("code", DataTypes.StringType).add("kind", DataTypes.StringType),
        (vocabulary, name) ->
            vocabulary
                .market(name)
                .filter(m -> m.kind() == Market.Kind.DESTINATION || m.kind() == Market.Kind.ONSHORE)
                .map(m -> RowFactory.create(m.code(), m.kind().name())));

    private final DataType type;
    private final BiFunction<Vocabulary, String, Optional<?>> resolve;

    Resolver(DataType type, BiFunction<Vocabulary, String, Optional<?>> resolve) {
      this.type = type;
      this.resolve = resolve;
    }
  }

  private static final class Lookup implements UDF1<String, Object> {
    private static final long serialVersionUID = 1L;
    private final Vocabulary vocabulary;
    private final Resolver resolver;
    private transient Map<String, Optional<?>> remembered;

    Lookup(Vocabulary vocabulary, Resolver resolver) {
      this.vocabulary = vocabulary;
      this.resolver = resolver;
    }

    @Override
    public Object call(String name) {
      if (name == null) {
        return null;
      }
      if (remembered == null) {
        remembered = new ConcurrentHashMap<>();
      }
      Optional<?> resolved = remembered.get(name);
      if (resolved == null) {
        resolved = resolver.resolve.apply(vocabulary, name);
        if (remembered.size() < REMEMBERED) {
          remembered.put(name, resolved);
        }
      }
      return resolved.orElse(null);
    }
  }
}
