# Shared by the launchers (sourced, not run): where the application jar and the Spark jars are, how to build them,
# and the JVM flags Spark needs on Java 17.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
log() { printf '%s\n' "$*" >&2; }

# PIPELINE_SPARK=4 runs the Spark 4 build (mvn -Pspark-4: Scala 2.13, Delta 4), which Maven keeps beside the default
# Spark 3.5 build, in target/spark-4 of each module, so that switching never rebuilds the other.
case "${PIPELINE_SPARK:-3}" in
  3) build_dir=target; maven_profiles=() ;;
  4) build_dir=target/spark-4; maven_profiles=(-Pspark-4) ;;
  *) log "pipeline: PIPELINE_SPARK='$PIPELINE_SPARK' is not a Spark this project builds for; use 3 (Spark 3.5, the" \
       "default) or 4 (Spark 4.0)"
     exit 2 ;;
esac
jar="$root/jobs/$build_dir/outsourcing-pipeline.jar"
# PIPELINE_JAR runs another build of the application (the platform jar of mvn -Pplatform, a jar of another
# profile) as it is: the launcher then neither builds nor checks it against the sources.
if [ -n "${PIPELINE_JAR:-}" ]; then
  jar="$(cd "$(dirname "$PIPELINE_JAR")" && pwd)/$(basename "$PIPELINE_JAR")"
fi
classpath_file="$root/jobs/$build_dir/spark-classpath.txt"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Builds the shaded jar and, in the same package phase, the Spark classpath (provided scope) when either is missing
# or older than the sources. PIPELINE_NO_BUILD=1 runs the jar as it is (scripts/bench: no build inside a timing).
ensure_built() {
  if [ -n "${PIPELINE_JAR:-}" ]; then
    [ -f "$jar" ] && [ -s "$classpath_file" ] && return 0
    log "pipeline: PIPELINE_JAR=$PIPELINE_JAR is not a file (or the Spark classpath $classpath_file is missing)"
    exit 2
  fi
  if [ -n "${PIPELINE_NO_BUILD:-}" ]; then
    [ -f "$jar" ] && [ -s "$classpath_file" ] && return 0
    log "pipeline: PIPELINE_NO_BUILD is set but $jar is missing; unset it, or build with 'mvn -DskipTests package'"
    exit 2
  fi
  if [ -f "$jar" ] && [ -s "$classpath_file" ] && [ -z "$(find "$root/pom.xml" "$root/common/pom.xml" \
      "$root/jobs/pom.xml" "$root/common/src/main" "$root/jobs/src/main" "$root/conf/reference" -newer "$jar" \
      -type f -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  log "pipeline: building the application jar and resolving the Spark classpath (mvn package, tests skipped)..."
  # The format check is for contributors' builds (mvn verify), not for running the pipeline.
  (cd "$root" && mvn -q -B ${maven_profiles[@]+"${maven_profiles[@]}"} -DskipTests -Dspotless.check.skip=true package) >&2
}

# Spark's Java 17 module flags (org.apache.spark.launcher.JavaModuleOptions of 3.5; Spark 4 adds Netty's below, and
# jdk.incubator.vector, left out: the pipeline's SQL does not use it, and the JVM would warn about it on every start).
spark_java_opens=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false)
if [ "${PIPELINE_SPARK:-3}" = 4 ]; then
  spark_java_opens+=(-Dio.netty.tryReflectionSetAccessible=true)
fi

# Prints the classpath of Hadoop's S3A file system (hadoop-aws at Spark's Hadoop version and its AWS SDK bundle),
# resolved by s3/pom.xml from Maven on first use and whenever a pom changes. The launcher adds it when a path is on
# s3a:// (needs_s3); the application jar neither bundles nor needs it otherwise.
s3_classpath() {
  local resolved="$root/s3/$build_dir/s3-classpath.txt"
  if [ ! -s "$resolved" ] || [ -n "$(find "$root/pom.xml" "$root/s3/pom.xml" -newer "$resolved" -print -quit)" ]; then
    log "pipeline: resolving Hadoop's S3A file system for s3a:// paths (mvn -f s3/pom.xml package)..."
    (cd "$root" && mvn -q -B ${maven_profiles[@]+"${maven_profiles[@]}"} -f s3/pom.xml package) >&2
    touch "$resolved" # Maven leaves an unchanged classpath file as it was: it would look stale forever.
  fi
  cat "$resolved"
}

# The launcher runs the JVM from the repository, where the relative paths of the defaults point (reference.conf's and
# conf/local.conf's warehouse/ and data/sample, generate's data/generated, bench's bench/contracts.ddl,
# bench/contracts_to_observations.sql and conf/reference).
# A path the user gives on the command line means the directory the command was run from: it is made absolute before
# that. These are the options taking a local path (every FILE and DIR option of the application, which ScriptsTest
# checks; spark-submit's --properties-file; the spark-sql CLI's -f and -i) and the settings holding one (--set KEY=DIR).
path_options=(--config-file --conf --landing --warehouse --out --against --schema --sql --reference --result-json
  --properties-file -f -i)
path_settings=(pipeline.landing pipeline.warehouse pipeline.reference-dir pipeline.report.dir)

# Prints the path $1 as given from the current directory: a relative path made absolute; an absolute path, a URI
# (s3a://..., file:..., as PipelineConfig tells them), an option name (a forgotten value) and nothing as they are.
from_current_dir() {
  if [ -z "$1" ] || [[ "$1" == /* || "$1" == -* || "$1" =~ ^[A-Za-z][A-Za-z0-9+.-]+: ]]; then
    printf '%s' "$1"
  else
    printf '%s/%s' "$PWD" "$1"
  fi
}

# Prints the value $2 of the option $1 with its path made absolute by from_current_dir when it holds one: the value of a
# path option (not spark-submit's --conf KEY=VALUE, only the deprecated --conf FILE), the path of --set SETTING=PATH.
user_value() {
  local option="$1" value="$2"
  if [ "$option" = --set ] && [[ "$value" == *=* && " ${path_settings[*]} " == *" ${value%%=*} "* ]]; then
    printf '%s=%s' "${value%%=*}" "$(from_current_dir "${value#*=}")"
  elif [[ " ${path_options[*]} " == *" $option "* ]] && ! [[ "$option" == --conf && "$value" == *=* ]]; then
    from_current_dir "$value"
  else
    printf '%s' "$value"
  fi
}

# Sets the array user_args to the arguments "$@", each value of a path option or of --set, given as --out DIR or as
# --out=DIR, passed through user_value.
user_paths_from_current_dir() {
  user_args=()
  while [ $# -gt 0 ]; do
    if [[ "$1" == --*=* && " --set ${path_options[*]} " == *" ${1%%=*} "* ]]; then
      user_args+=("${1%%=*}=$(user_value "${1%%=*}" "${1#*=}")")
      shift
    elif [ $# -gt 1 ] && [[ " --set ${path_options[*]} " == *" $1 "* ]]; then
      user_args+=("$1" "$(user_value "$1" "$2")")
      shift 2
    else
      user_args+=("$1")
      shift
    fi
  done
}

# Whether the command needs S3A: PIPELINE_S3=1, or s3a:// in an argument or in the configuration file it names
# (--config-file FILE, or the deprecated --conf FILE).
needs_s3() {
  [ "${PIPELINE_S3:-}" = 1 ] && return 0
  local arg previous=""
  for arg in "$@"; do
    case "$arg" in *s3a://*) return 0 ;; esac
    case "$previous" in
      --config-file|--conf) [ -f "$arg" ] && grep -q 's3a://' "$arg" && return 0 ;;
    esac
    case "$arg" in
      --config-file=*) [ -f "${arg#*=}" ] && grep -q 's3a://' "${arg#*=}" && return 0 ;;
    esac
    previous="$arg"
  done
  return 1
}
