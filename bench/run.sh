#!/usr/bin/env bash
# The workbench benchmark: the packaged service against PostgreSQL itself, same data, same run.
#   bench/run.sh            full run: 10,000 articles, 1,000,000 claims (about 22 minutes on 2 cores)
#   bench/run.sh --quick    a tenth of the data, shorter phases (5 minutes without a build on the AMD machines, 6 on the Intel one; the build and, once per build, the start-up cache come on top)
# Database: the local PostgreSQL service (127.0.0.1:5432, user postgres, database test), or BENCH_JDBC_URL
# (jdbc:postgresql://host:port/database) with BENCH_DB_USER and PGPASSWORD. The run works in schemas of its own
# (bench, bench_g10k, bench_g100k), dropped and made again each time.
# Writes bench/results/latest.json (and, for a full run, bench/results/full-<date>-<time>.json) and prints the table.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=false
reuse=false
for arg in "$@"; do
  case $arg in
    --quick) quick=true ;;
    --reuse) reuse=true ;;   # keep the data of the previous run of the same size (for working on one scenario)
    *) echo "usage: bench/run.sh [--quick] [--reuse]   (BENCH_ONLY=name,name runs only those scenarios)" >&2; exit 2 ;;
  esac
done

jdbc=${BENCH_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test}
db_user=${BENCH_DB_USER:-postgres}
hostport=${jdbc#jdbc:postgresql://}; hostport=${hostport%%/*}
database=${jdbc##*/}; database=${database%%\?*}
pg_host=${hostport%%:*}; pg_port=${hostport##*:}; [ "$pg_port" = "$hostport" ] && pg_port=5432
export PGHOST=$pg_host PGPORT=$pg_port PGUSER=$db_user PGDATABASE=$database

if $quick; then
  articles=1000; hot=20; claims=100000; growth="bench_g10k:10000"
else
  articles=10000; hot=200; claims=1000000; growth="bench_g10k:10000,bench_g100k:100000"
fi

log() { printf '\n== %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- what a fresh machine lacks
command -v psql >/dev/null || { as_root apt-get update -qq; as_root apt-get install -y -qq postgresql-client >/dev/null; }
command -v chromium >/dev/null || { as_root apt-get update -qq; as_root apt-get install -y -qq chromium >/dev/null; }
pg_isready -q || { echo "PostgreSQL is not reachable at $PGHOST:$PGPORT" >&2; exit 1; }
if [ ! -d bench/browser/node_modules/playwright-core ]; then
  log "installing the browser driver (playwright-core, no browser download)"
  (cd bench/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
fi

# --- the packaged service, built when missing or older than its sources
jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find src db frontend/src pom.xml -newer "$jar" -type f -print -quit)" ]; then
  log "building the service: ./mvnw package -DskipTests"
  ./mvnw -q -B package -DskipTests
fi

logs=$root/target/bench-logs
rm -rf "$logs"; mkdir -p "$logs"
state=$root/target/bench-data.env   # what the generated data was made with: size, tokens, admin password
if $reuse && [ -f "$state" ] && grep -q "^claims=$claims$" "$state"; then
  . "$state"
else
  reuse=false
  secret_analyst="wbt_bench_analyst_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  secret_admin="wbt_bench_admin_$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  admin_password="bench-admin-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
fi

# --- fresh schemas: migrated by the service itself, then filled inside PostgreSQL
port=${BENCH_PORT:-18080}
prepare() { # prepare <schema> <articles> <hot> <claims>
  local schema=$1
  psql -X -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS $schema CASCADE" -c "CREATE SCHEMA $schema"
  QUARKUS_DATASOURCE_JDBC_URL="$jdbc$( [[ $jdbc == *\?* ]] && echo '&' || echo '?')currentSchema=$schema" \
  QUARKUS_DATASOURCE_USERNAME=$db_user QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-} QUARKUS_HTTP_PORT=$port \
  WORKBENCH_SEEDS_IMPORT_ON_START=false WORKBENCH_ADMIN_PASSWORD=$admin_password \
    java -jar "$jar" >"$logs/migrate-$schema.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { cat "$logs/migrate-$schema.log" >&2; exit 1; }
    sleep 0.1
  done
  kill $pid; wait $pid || true
  local t0=$SECONDS
  PGOPTIONS="-c search_path=$schema" psql -X -q -v ON_ERROR_STOP=1 -v articles="$2" -v hot="$3" -v claims="$4" \
    -v secret_analyst="$secret_analyst" -v secret_admin="$secret_admin" -f bench/sql/generate.sql >/dev/null
  PGOPTIONS="-c search_path=$schema" psql -X -q -c "VACUUM ANALYZE"
  echo "   $schema: $4 claims generated in $((SECONDS - t0)) s"
}

if $reuse; then
  log "data: reusing the previous run's schemas ($claims claims)"
else
  rm -f "$state"
  log "data: $articles articles, $claims claims (+ growth: $growth)"
  prepare bench "$articles" "$hot" "$claims"
  IFS=',' read -ra sizes <<<"$growth"
  for s in "${sizes[@]}"; do
    n=${s##*:}
    prepare "${s%%:*}" $((n / 100 > 40 ? n / 100 : 40)) 20 "$n"
  done
  printf 'claims=%s\nsecret_analyst=%s\nsecret_admin=%s\nadmin_password=%s\n' \
    "$claims" "$secret_analyst" "$secret_admin" "$admin_password" >"$state"
fi

# --- the JVM the service runs on (the default java, or BENCH_SERVICE_JAVA) and the cache it starts from (README,
# "Start-up time"), trained by one start of this build: from Java 25 on its ahead-of-time cache (classes loaded and
# linked, method profiles), before that a class-data archive
java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print int($2)}'; }
service_java=${BENCH_SERVICE_JAVA:-$(command -v java)}
if [ "$(java_major "$service_java")" -ge 25 ] 2>/dev/null; then
  cache=target/quarkus-app/app.aot; cache_option="-XX:AOTCache=$cache"; train_option="-XX:AOTCacheOutput=$cache"
else
  cache=target/quarkus-app/app-cds.jsa; cache_option="-XX:SharedArchiveFile=$cache"; train_option="-XX:ArchiveClassesAtExit=$cache"
fi
if [ ! -f "$cache" ] || [ -n "$(find target/quarkus-app -name '*.jar' -newer "$cache" -print -quit)" ]; then
  log "training the start-up cache ($cache): one start of the service on $service_java, a few hundred reads"
  rm -f "$cache"
  QUARKUS_DATASOURCE_JDBC_URL="$jdbc$( [[ $jdbc == *\?* ]] && echo '&' || echo '?')currentSchema=bench" \
  QUARKUS_DATASOURCE_USERNAME=$db_user QUARKUS_DATASOURCE_PASSWORD=${PGPASSWORD:-} QUARKUS_HTTP_PORT=$port \
  WORKBENCH_SEEDS_IMPORT_ON_START=false WORKBENCH_ADMIN_PASSWORD=$admin_password \
    "$service_java" -Xmx256m "$train_option" -jar "$jar" >"$logs/cache-training.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    kill -0 $pid 2>/dev/null || { cat "$logs/cache-training.log" >&2; exit 1; }
    sleep 0.1
  done
  # read-only requests (the desk must stay as generated): highlights of the 200-annotation articles, searches, claims
  for i in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/api/articles/$((1 + i % hot))/annotations" \
      "http://127.0.0.1:$port/api/claims?limit=20&q=refugees" "http://127.0.0.1:$port/api/claims/$((hot * 200 + i))" \
      -H "Authorization: Bearer $secret_analyst" >/dev/null || true
  done
  kill $pid; wait $pid || true
  [ -f "$cache" ] || { echo "no start-up cache was written; see $logs/cache-training.log" >&2; exit 1; }
fi

log "scenarios"
out=bench/results/latest.json
[ -n "${BENCH_ONLY:-}" ] && out=$logs/partial.json
status=0
# the driver runs on the service's own classes (its PostgreSQL driver, its export query)
java -Xmx1g -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*" ${BENCH_JAVA_OPTS:-} \
  -Dbench.jar="$jar" -Dbench.jdbc="$jdbc" -Dbench.user="$db_user" -Dbench.password="${PGPASSWORD:-}" \
  -Dbench.schema=bench -Dbench.port="$port" -Dbench.articles=$articles -Dbench.hot=$hot -Dbench.claims=$claims \
  -Dbench.quick=$quick -Dbench.secret.analyst="$secret_analyst" -Dbench.secret.admin="$secret_admin" \
  -Dbench.admin.password="$admin_password" -Dbench.growth="$growth" -Dbench.out="$out" -Dbench.logs="$logs" \
  -Dbench.serviceJava="$service_java" -Dbench.startCache="$cache_option" -Dbench.browser=bench/browser \
  -Dbench.only="${BENCH_ONLY:-}" -Dbench.jfr="${BENCH_JFR:-false}" \
  bench/src/Bench.java || status=$?

if ! $quick && [ -z "${BENCH_ONLY:-}" ] && [ -f "$out" ]; then
  cp "$out" "bench/results/full-$(date +%Y-%m-%d-%H%M).json"
fi
exit $status
