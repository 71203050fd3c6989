#!/usr/bin/env bash
# Two-instance benchmark (issue 22): starts two instances of the packaged jar as one cluster on a fresh
# PostgreSQL database and a Redis (cluster name of its own), runs the load tool's `cluster` scenario against
# them (connections split over both, broadcasts sent alternately through each: bench/README.md, "Two
# instances"), prints its table, then stops both and drops the database.
#
# Usage: bench/cluster.sh [options] [-- extra options for vigil-bench]
#   -n CONNECTIONS  notification streams in all, half SSE and half WebSocket, split over both (default 10000)
#   -r ROUNDS       measured broadcast rounds (default 20; 5 warm-up rounds before them), 1 s apart
#   -j JAVA_HOME    the JDK that runs the instances (default: the newest under /usr/lib/jvm)
#   -a JAR          the server jar (default target/vigil.jar)
#   -b JAR          the tool's jar (default bench/target/vigil-bench.jar)
#   -x HEAP         -Xmx of each instance (default 1g)
#   -P HOST:PORT    PostgreSQL, trust auth for user postgres (default 127.0.0.1:5432)
#   -R URL          Redis (default redis://127.0.0.1:6379)
#   -o FILE         the JSON report (default /tmp/vigil-cluster-bench.json)
#   -k              keep the instances' data directories and console output (under /tmp/vigil-cluster-*)
#   -S              one shared SQLite file instead of PostgreSQL (vigil.cluster.allow-sqlite: one machine only,
#                   for comparison or where PostgreSQL is not available)
#
# Every measurement on the shared machine runs under one lock (/tmp/vigil-bench.lock), as bench/startup.sh.
set -euo pipefail

if [[ -z "${VIGIL_BENCH_LOCKED:-}" ]]; then
	exec env VIGIL_BENCH_LOCKED=1 flock /tmp/vigil-bench.lock "$0" "$@"
fi

connections=10000
rounds=20
java_home=$(ls -d /usr/lib/jvm/*/ 2>/dev/null | while read -r home; do
	v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release" 2>/dev/null); echo "${v:-0} $home"; done |
	sort -n | tail -1 | cut -d' ' -f2)
jar=target/vigil.jar
tool=bench/target/vigil-bench.jar
heap=1g
pg=127.0.0.1:5432
redis=redis://127.0.0.1:6379
out=/tmp/vigil-cluster-bench.json
keep=false
sqlite=false
while getopts "n:r:j:a:b:x:P:R:o:kS" opt; do
	case "$opt" in
	n) connections=$OPTARG ;;
	r) rounds=$OPTARG ;;
	j) java_home=$OPTARG ;;
	a) jar=$OPTARG ;;
	b) tool=$OPTARG ;;
	x) heap=$OPTARG ;;
	P) pg=$OPTARG ;;
	R) redis=$OPTARG ;;
	o) out=$OPTARG ;;
	k) keep=true ;;
	S) sqlite=true ;;
	*) sed -n '2,21p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[[ "${1:-}" == "--" ]] && shift

[[ -f "$jar" ]] || { echo "no jar at $jar (./mvnw -q -B -ntp -DskipTests package)" >&2; exit 2; }
[[ -f "$tool" ]] || { echo "no tool at $tool (./mvnw -f bench/pom.xml -q package)" >&2; exit 2; }
jar=$(realpath "$jar")
tool=$(realpath "$tool")
java="${java_home%/}/bin/java"
pg_host=${pg%:*}
pg_port=${pg#*:}
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d /tmp/vigil-cluster-XXXXXX)
name=$(basename "$work" | tr 'A-Z-' 'a-z_')
database="vigil_bench_${name#vigil_cluster_}"
email=admin@example.com
password=admin-password-1
pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		wait "$pid" 2>/dev/null || true
	done
	$sqlite || psql -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres -c "drop database if exists $database" || true
	$keep || rm -rf "$work"
}
trap cleanup EXIT

if $sqlite; then
	database_env=()
	shared=(--vigil.cluster.allow-sqlite=true)
else
	psql -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres -c "create database $database"
	database_env=("VIGIL_DATABASE_URL=jdbc:postgresql://$pg/$database" VIGIL_DATABASE_USERNAME=postgres)
	shared=()
fi
key=$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')
ports=(18481 18482)
for i in 0 1; do
	mkdir -p "$work/logs-$i"
	touch "$work/logs-$i/vigil.log"
	data="$work/data-$i"
	$sqlite && data="$work/data-shared"
	env "${database_env[@]}" VIGIL_REDIS_URL="$redis" VIGIL_CLUSTER_NAME="bench-$name" VIGIL_INSTANCE_NAME="bench-$i" \
		VIGIL_AUTH_SIGNING_KEY="$key" VIGIL_AUTH_SECURE_COOKIES=false \
		VIGIL_ADMIN_EMAIL="$email" VIGIL_ADMIN_PASSWORD="$password" VIGIL_DATA_DIR="$data" \
		"$java" "-Xmx$heap" -jar "$jar" --server.port="${ports[$i]}" --vigil.stream.max-per-admin=20000 \
		--vigil.auth.login-rate-limit=100000 --vigil.logs.directory="$work/logs-$i" "${shared[@]}" \
		> "$work/instance-$i.out" 2>&1 &
	pids+=($!)
	# One after the other: the first one creates the schema.
	for _ in $(seq 1 600); do
		curl -fso /dev/null "http://127.0.0.1:${ports[$i]}/api/health" && break
		kill -0 "${pids[$i]}" 2>/dev/null || { tail -30 "$work/instance-$i.out" >&2; exit 1; }
		sleep 0.5
	done
	curl -fso /dev/null "http://127.0.0.1:${ports[$i]}/api/health" || { echo "instance $i not healthy" >&2; exit 1; }
done
echo "two instances on $("$java" -version 2>&1 | head -1), -Xmx$heap each; $($sqlite && echo "one SQLite file" || echo "PostgreSQL $pg"), Redis $redis"
half=$((connections / 2))
"$java" -Xmx2g -jar "$tool" cluster --url "http://127.0.0.1:${ports[0]}" --url-b "http://127.0.0.1:${ports[1]}" \
	--email "$email" --password "$password" --sse "$half" --ws "$((connections - half))" \
	--rounds "$rounds" --warmup 5 --interval 1s --out "$out" "$@"
