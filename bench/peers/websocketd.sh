#!/usr/bin/env bash
# websocketd + tail for the load tool's `--peer websocketd` (bench/README.md, "Peer modes").
#   bench/peers/websocketd.sh start PORT FILE   # loopback only; returns once it listens
#   bench/peers/websocketd.sh stop
# Every WebSocket connection gets its own `tail -n0 -F FILE` (websocketd's model: one process per
# connection), each line it prints one text message. Pid file and log in $WEBSOCKETD_DIR (default
# /tmp/vigil-bench-websocketd).
set -euo pipefail

dir="${WEBSOCKETD_DIR:-/tmp/vigil-bench-websocketd}"

start() {
  local port="${1:?port}" file="${2:?file to tail}"
  command -v websocketd >/dev/null || { echo "websocketd missing: run bench/peers/setup.sh" >&2; exit 1; }
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "websocketd: already running (pid $(cat "$dir/pid")); stop it first" >&2; exit 1
  fi
  mkdir -p "$dir" "$(dirname "$file")"
  touch "$file"
  # one descriptor per connection plus the tail's pipes
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  # loglevel error: no access line per connection (Vigil logs none either)
  nohup websocketd --address=127.0.0.1 --port="$port" --loglevel=error tail -n0 -F "$file" \
    >"$dir/websocketd.log" 2>&1 </dev/null &
  echo $! > "$dir/pid"
  # GNU tail -F watches with inotify: one instance per tail, and the kernel allows
  # fs.inotify.max_user_instances (default 128) per user, all of the user's processes together.
  # Past that a tail falls back to polling once a second (websocketd.log: "reverting to polling").
  local limit; limit="$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo '?')"
  echo "websocketd: fs.inotify.max_user_instances = $limit: connections past that (less the user's other inotify users) are polled once a second"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "websocketd: pid $(cat "$dir/pid") on ws://127.0.0.1:$port/ tailing $file"
      return 0
    fi
    sleep 0.1
  done
  echo "websocketd: did not listen on $port; see $dir/websocketd.log" >&2; exit 1
}

stop() {
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    local pid tails; pid="$(cat "$dir/pid")"
    # its tails, if any connection is still open (they would outlive it)
    tails="$(pgrep -P "$pid" || true)"
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    [ -n "$tails" ] && kill -TERM $tails 2>/dev/null || true
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    rm -f "$dir/pid"
    echo "websocketd: stopped $pid"
  else
    echo "websocketd: not running"
  fi
}

case "${1:-}" in
  start) start "${2:-}" "${3:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start PORT FILE | stop" >&2; exit 2 ;;
esac
