package org.outsourcingstats.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.outsourcingstats.jobs.SharedSpark;

@ExtendWith(SharedSpark.class)
class ReadOnlySqlTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "SELECT 1",
        "SELECT * FROM t WHERE x = 1 ORDER BY 1 LIMIT 3 OFFSET 1",
        "WITH a AS (SELECT 1) SELECT * FROM a",
        "TABLE t",
        "VALUES (1), (2)",
        "SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1",
        "SELECT * FROM t VERSION AS OF 0",
        "SELECT * FROM a JOIN b USING (x) UNION ALL SELECT * FROM c",
        "SELECT /*+ BROADCAST(t) */ * FROM t",
        "SELECT x, rank() OVER w FROM t WINDOW w AS (ORDER BY x)",
        "SELECT * FROM t LATERAL VIEW explode(a) e AS y",
        "SELECT * FROM range(10)",
        "SELECT * FROM t PIVOT (sum(v) FOR k IN ('a', 'b'))",
        "SELECT * FROM t WHERE x IN (SELECT y FROM u)",
        "SELECT * FROM t CLUSTER BY x",
        "SELECT * FROM t INTERSECT SELECT * FROM u",
        "SHOW TABLES IN outsourcing",
        "DESCRIBE outsourcing.growth",
        "DESCRIBE HISTORY t",
        "DESCRIBE DETAIL t",
        "SHOW CREATE TABLE t",
        "EXPLAIN SELECT 1",
        "EXPLAIN DROP TABLE t",
        "USE outsourcing",
        "SELEC 1"
      })
  void queriesAndDescribingStatementsOnlyRead(String sql) {
    assertThat(ReadOnlySql.writingStatement(SharedSpark.spark(), sql)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "DROP TABLE outsourcing.targets",
        "INSERT INTO t SELECT 1",
        "WITH a AS (SELECT 1) INSERT INTO t SELECT * FROM a",
        "FROM s INSERT INTO t SELECT x INSERT INTO u SELECT y",
        "INSERT OVERWRITE TABLE t SELECT 1",
        "CREATE TABLE x AS SELECT 1",
        "CREATE TEMP VIEW v AS SELECT 1",
        "DELETE FROM t WHERE x = 1",
        "UPDATE t SET x = 1",
        "MERGE INTO t USING s ON t.x = s.x WHEN MATCHED THEN DELETE",
        "OPTIMIZE t",
        "VACUUM t",
        "RESTORE TABLE t TO VERSION AS OF 0",
        "ALTER TABLE t ADD COLUMNS (y INT)",
        "TRUNCATE TABLE t",
        "CACHE TABLE t",
        "CREATE TABLE x SHALLOW CLONE t",
        "DROP DATABASE outsourcing CASCADE",
        "SET spark.sql.shuffle.partitions = 1",
        "ADD JAR /tmp/x.jar",
        "CONVERT TO DELTA parquet.`/tmp/x`",
        "SELECT reflect('org.apache.hadoop.fs.FileUtil', 'chmod', '/tmp/x', '000')",
        "SELECT * FROM t WHERE x IN (SELECT java_method('java.lang.System', 'exit', 1))",
        "WITH a AS (SELECT REFLECT('java.io.File', 'delete')) SELECT * FROM a",
        "SELECT upper(reflect('java.util.UUID', 'randomUUID'))"
      })
  void statementsThatCouldChangeTheWarehouseAreNamed(String sql) {
    assertThat(ReadOnlySql.writingStatement(SharedSpark.spark(), sql)).isPresent();
  }
}
