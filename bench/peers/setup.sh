#!/usr/bin/env bash
# Installs the anchors the peer modes drive (bench/README.md, "Peer modes"): nginx + nchan and
# websocketd, from Debian's packages. Needs root (or sudo). Not part of CI.
# The packages' own nginx service is kept off: the peer scripts run nginx with their own config on
# loopback, and a distribution nginx on port 80 would be one more process competing for the cores.
set -euo pipefail

packages=(nginx-light libnginx-mod-nchan websocketd)
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then missing+=("$p"); fi
done

if [ ${#missing[@]} -gt 0 ]; then
  # No service starts during the install: a policy-rc.d that forbids it, unless one is there already.
  policy=/usr/sbin/policy-rc.d
  own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    own_policy=1
  fi
  trap '[ -n "$own_policy" ] && $sudo rm -f "$policy"' EXIT
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# If the distribution's nginx service runs anyway (installed earlier, systemd), stop it and keep it off.
if command -v systemctl >/dev/null && [ "$(systemctl is-system-running 2>/dev/null || true)" != offline ] \
    && systemctl is-enabled nginx >/dev/null 2>&1; then
  $sudo systemctl disable --now nginx || true
elif [ -f /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
  $sudo nginx -s quit || true
fi

nginx -v
ls /usr/lib/nginx/modules/ngx_nchan_module.so
websocketd --version
