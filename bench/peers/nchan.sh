#!/usr/bin/env bash
# nginx + nchan for the load tool's `--peer nchan` (bench/README.md, "Peer modes").
#   bench/peers/nchan.sh start [PORT]   # default 8081; loopback only; returns once nginx listens
#   bench/peers/nchan.sh stop
# One channel ("bench"): POST /pub publishes the request body, GET /sub subscribes by EventSource or
# WebSocket (new subscribers get only messages published after they subscribed, as Vigil's live
# stream). The config, pid file and error log go to $NCHAN_DIR (default /tmp/vigil-bench-nchan); no
# system service, no port 80. Workers: $NCHAN_WORKERS (default auto = one per core).
set -euo pipefail

dir="${NCHAN_DIR:-/tmp/vigil-bench-nchan}"
workers="${NCHAN_WORKERS:-auto}"
module=/usr/lib/nginx/modules/ngx_nchan_module.so

start() {
  local port="${1:-8081}"
  command -v nginx >/dev/null && [ -f "$module" ] || { echo "nginx or nchan missing: run bench/peers/setup.sh" >&2; exit 1; }
  if [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
    echo "nchan: already running (pid $(cat "$dir/nginx.pid")); stop it first" >&2; exit 1
  fi
  mkdir -p "$dir"
  local nofile; nofile="$(ulimit -Hn)"
  [ "$nofile" = unlimited ] && nofile=1048576
  local conns=$(( nofile > 32768 ? 32768 : nofile ))
  cat > "$dir/nginx.conf" <<CONF
load_module $module;
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/error.log notice;
# one descriptor per subscriber, as for Vigil (bench/README.md, "Server settings")
worker_rlimit_nofile $nofile;
events { worker_connections $conns; }
http {
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  nchan_shared_memory_size 128m;
  server {
    listen 127.0.0.1:$port;
    location = /pub {
      nchan_publisher http;
      nchan_channel_id bench;
      nchan_message_buffer_length 16;
      nchan_message_timeout 60s;
    }
    location = /sub {
      nchan_subscriber websocket eventsource;
      nchan_channel_id bench;
      nchan_subscriber_first_message newest;
    }
  }
}
CONF
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf" -t -q
  nginx -e "$dir/error.log" -p "$dir" -c "$dir/nginx.conf"
  for _ in $(seq 50); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "nchan: nginx pid $(cat "$dir/nginx.pid") on http://127.0.0.1:$port (publish POST /pub, subscribe /sub)"
      return 0
    fi
    sleep 0.1
  done
  echo "nchan: nginx did not listen on $port; see $dir/error.log" >&2; exit 1
}

stop() {
  if [ -f "$dir/nginx.pid" ] && kill -0 "$(cat "$dir/nginx.pid")" 2>/dev/null; then
    local pid; pid="$(cat "$dir/nginx.pid")"
    kill -QUIT "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
    echo "nchan: stopped nginx $pid"
  else
    echo "nchan: not running"
  fi
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop ;;
  *) echo "usage: $0 start [PORT] | stop" >&2; exit 2 ;;
esac
