# Sourced by scripts/spark-sql and scripts/thrift-server, with $root set to the repository root.
#
# Prints the path of a file holding the classpath of Spark's SQL front ends: the pipeline's Spark jars plus
# spark-hive-thriftserver (the spark-sql CLI, the Thrift JDBC server, beeline), resolved by shell/pom.xml from Maven
# on first use and whenever a pom changes, then the application jar itself. The application jar neither bundles nor
# needs those jars; it goes on the JVM's classpath too (as a distribution's jars/ or --driver-class-path would put
# it) because the Thrift server opens each JDBC session with Hive's class loader, which sees only that classpath and
# would not find Delta's catalog in the jar spark-submit loads.
if [ "${PIPELINE_SPARK:-3}" != 3 ]; then
  printf '%s\n' "error: spark-sql and the Thrift server run on the Spark 3.5 build only (PIPELINE_SPARK=${PIPELINE_SPARK}):" \
    "spark-hive-thriftserver is not served for Scala 2.13 by the Maven mirror this project builds from. Unset" \
    "PIPELINE_SPARK, or use a Spark 4 distribution's own bin/spark-sql with the application jar (README, Spark 4)." >&2
  exit 2
fi

sql_shell_classpath() {
  local resolved="$root/shell/target/sql-shell-classpath.txt"
  local file="$root/shell/target/front-end-classpath.txt"
  if [ ! -s "$resolved" ] || [ -n "$(find "$root/pom.xml" "$root/shell/pom.xml" -newer "$resolved" -print -quit)" ]
  then
    printf '%s\n' "resolving the classpath of Spark's SQL CLI and Thrift server (mvn -f shell/pom.xml package)..." >&2
    (cd "$root" && mvn -q -B -f shell/pom.xml package) >&2
    touch "$resolved" # Maven leaves an unchanged classpath file as it was: it would look stale forever.
  fi
  printf '%s:%s\n' "$(cat "$resolved")" "$root/jobs/target/outsourcing-pipeline.jar" > "$file"
  printf '%s\n' "$file"
}
