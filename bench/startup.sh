#!/usr/bin/env bash
# Startup benchmark: how long the packaged jar takes from exec to a healthy answer, and how much
# memory it holds then and when idle. Each run starts the server on a fresh data directory, so every
# run is a first start (Flyway migrates an empty database, the signing key and the first admin are
# created), which is what a new user's `java -jar vigil.jar` does.
#
# Usage: bench/startup.sh [options] [-- extra JVM options...]
#   -n RUNS       runs (default 5)
#   -j JAVA_HOME  the JDK or JRE to run (default $JAVA_HOME, else the java on the PATH)
#   -a JAR        the jar to start (default target/vigil.jar; an extracted jar works the same). It is
#                 started from its own directory as `java -jar <name>`: an AOT cache or CDS archive only
#                 applies to the class path it was trained with, to the letter (train it the same way).
#   -p PORT       server port (default 18280)
#   -i SECONDS    idle time before the second RSS sample (default 10)
#   -u PATH       health path polled until it answers 200 (default /api/health; /actuator/health works too)
#   -l LABEL      a label for the summary line (default: the JVM options)
#   -k            keep each run's data directory and console output (under /tmp/vigil-startup-*)
#
# Per run it prints: ms from exec to the first 200 from the health path (polled every 20 ms), the
# app's own "Started VigilApplication in X seconds", the CPU seconds (user + system, all threads) the
# JVM had used by then, VmRSS from /proc/<pid>/status right after the first 200 and after the idle
# time, and how much of the idle RSS is anonymous memory (heap, metaspace, code, stacks) rather than
# mapped files (the JDK's modules, an AOT cache, jars); then the median, min and max of each. The
# exec-to-healthy time includes JVM boot, which "Started in" does not. On a busy machine the times
# stretch with the load while the CPU seconds barely move: compare those when the load was not the same.
#
# Every measurement on the shared machine runs under one lock (/tmp/vigil-bench.lock): the script
# takes it itself, so only one benchmark runs at a time. Examples:
#   bench/startup.sh -n 5 -j /usr/lib/jvm/temurin-25-jdk-amd64
#   bench/startup.sh -n 5 -j /usr/lib/jvm/temurin-25-jdk-amd64 -- -XX:AOTCache=/tmp/vigil/vigil.aot
set -euo pipefail

if [[ -z "${VIGIL_BENCH_LOCKED:-}" ]]; then
	exec env VIGIL_BENCH_LOCKED=1 flock /tmp/vigil-bench.lock "$0" "$@"
fi

runs=5
java_home="${JAVA_HOME:-}"
jar=target/vigil.jar
port=18280
idle=10
health=/api/health
label=
keep=false
while getopts "n:j:a:p:i:u:l:k" opt; do
	case "$opt" in
	n) runs=$OPTARG ;;
	j) java_home=$OPTARG ;;
	a) jar=$OPTARG ;;
	p) port=$OPTARG ;;
	i) idle=$OPTARG ;;
	u) health=$OPTARG ;;
	l) label=$OPTARG ;;
	k) keep=true ;;
	*) sed -n '2,22p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[[ "${1:-}" == "--" ]] && shift
jvm_opts=("$@")

java=java
[[ -n "$java_home" ]] && java="$java_home/bin/java"
[[ -f "$jar" ]] || { echo "no jar at $jar (./mvnw -q -B -ntp -Dskip.ui=true -DskipTests package)" >&2; exit 2; }
jar=$(realpath "$jar")
label=${label:-${jvm_opts[*]:-(no options)}}
version=$("$java" -version 2>&1 | head -1)

work=$(mktemp -d /tmp/vigil-startup-XXXXXX)
pid=
cleanup() {
	if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	$keep || rm -rf "$work"
}
trap cleanup EXIT

# kB of a /proc/<pid>/status field
status_kb() { awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"; }

# CPU seconds (user + system) a process has used: fields 14 and 15 of /proc/<pid>/stat, in clock ticks
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$port$health"; then
	echo "port $port already answers: stop that server first" >&2
	exit 2
fi

echo "# $version | $jar | $label | load before: $(cut -d' ' -f1-3 /proc/loadavg)"
columns='%-4s %10s %10s %8s %8s %12s %12s\n'
printf "$columns" run healthy_ms started_s cpu_s rss_mb idle_rss_mb idle_anon_mb
healthy_all=() started_all=() cpu_all=() rss_all=() idle_all=() anon_all=()
for run in $(seq 1 "$runs"); do
	dir="$work/run-$run"
	mkdir -p "$dir"
	cd "$(dirname "$jar")"
	start=$(now_ms)
	VIGIL_DATA_DIR="$dir/data" VIGIL_ADMIN_EMAIL=bench@example.com VIGIL_ADMIN_PASSWORD=bench-password-1 \
		"$java" "${jvm_opts[@]}" -jar "$(basename "$jar")" --server.port="$port" >"$dir/console.log" 2>&1 &
	pid=$!
	healthy=
	while kill -0 "$pid" 2>/dev/null; do
		if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port$health"; then
			healthy=$(($(now_ms) - start))
			break
		fi
		sleep 0.02
	done
	if [[ -z "$healthy" ]]; then
		echo "run $run: the server exited before it was healthy; its output:" >&2
		tail -30 "$dir/console.log" >&2
		exit 1
	fi
	cpu=$(cpu_s "$pid")
	rss=$(status_kb "$pid" VmRSS)
	sleep "$idle"
	idle_rss=$(status_kb "$pid" VmRSS)
	idle_anon=$(status_kb "$pid" RssAnon)
	started=$(grep -o 'Started VigilApplication in [0-9.]* seconds' "$dir/console.log" | awk '{ print $4 }')
	# A cache or archive that does not match is reported by the JVM and then silently not used.
	if grep -qE '^\[[0-9.]+s\]\[(error|warning) *\]\[(aot|cds)' "$dir/console.log"; then
		echo "run $run: the JVM did not use the AOT cache / CDS archive:" >&2
		grep -E '^\[[0-9.]+s\]\[(error|warning) *\]\[(aot|cds)' "$dir/console.log" | head -3 >&2
	fi
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
	printf "$columns" "$run" "$healthy" "${started:-?}" "$cpu" $((rss / 1024)) $((idle_rss / 1024)) $((idle_anon / 1024))
	healthy_all+=("$healthy") started_all+=("${started:-0}") cpu_all+=("$cpu")
	rss_all+=($((rss / 1024))) idle_all+=($((idle_rss / 1024))) anon_all+=($((idle_anon / 1024)))
done

# median min max of the arguments
stats() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s (%s–%s)", m, v[1], v[NR] }'; }
echo "summary | $label | healthy_ms $(stats "${healthy_all[@]}") | started_s $(stats "${started_all[@]}")" \
	"| cpu_s $(stats "${cpu_all[@]}") | rss_mb $(stats "${rss_all[@]}") | idle_rss_mb $(stats "${idle_all[@]}")" \
	"| idle_anon_mb $(stats "${anon_all[@]}") | load after: $(cut -d' ' -f1-3 /proc/loadavg)"
$keep && echo "kept: $work"
