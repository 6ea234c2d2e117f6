#!/usr/bin/env bash
# A private Docker engine and locally built images, for machines that cannot reach an image
# registry (CI here, offline laptops). Used by .ci/run and by developers alike:
#
#   compose/local-docker.sh up       start dockerd (state under $WINDTUNNEL_DOCKER_DIR)
#   compose/local-docker.sh images   build windtunnel-local/influxdb and windtunnel-local/node
#   compose/local-docker.sh env      print the exports the clients need (docker, docker-compose,
#                                    testcontainers), for `eval "$(compose/local-docker.sh env)"`
#   compose/local-docker.sh down     stop containers and dockerd, unmount, remove the state
#
# The engine changes no network settings of the machine: no iptables rules, no IP forwarding, no
# docker0 bridge (--bridge=none), so containers run with host networking and every port they
# open is on 127.0.0.1. Images are `docker import`s of files already on the machine: Debian's
# influxd (1.6.7) with curl for its health check, and this machine's Node runtime with npm, a
# POSIX shell and the machine's CA certificates (so `npm ci` in an image build trusts what the
# machine trusts). They are tagged windtunnel-local/* so they cannot be taken for official images.
# Needs root, and Debian's docker.io (engine) and docker-compose (v1) packages.
set -euo pipefail

DIR=${WINDTUNNEL_DOCKER_DIR:-/tmp/windtunnel-docker}
SOCK="$DIR/docker.sock"
export DOCKER_HOST="unix://$SOCK"
INFLUX_IMAGE=windtunnel-local/influxdb:1.6
NODE_IMAGE=windtunnel-local/node:20

die() {
  echo "local-docker: $*" >&2
  exit 1
}

up() {
  command -v dockerd >/dev/null || die "dockerd not found: apt-get install -y docker.io docker-compose"
  [ "$(id -u)" = 0 ] || die "dockerd needs root"
  if [ -S "$SOCK" ] && docker info >/dev/null 2>&1; then
    echo "local-docker: engine already running at $DOCKER_HOST"
    return
  fi
  mkdir -p "$DIR/root" "$DIR/exec"
  dockerd --data-root "$DIR/root" --exec-root "$DIR/exec" --pidfile "$DIR/pid" \
    --host "$DOCKER_HOST" --iptables=false --ip-forward=false --bridge=none \
    >"$DIR/dockerd.log" 2>&1 &
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then
      echo "local-docker: engine ready at $DOCKER_HOST"
      return
    fi
    sleep 0.5
  done
  tail -n 20 "$DIR/dockerd.log" >&2 || true
  die "dockerd did not answer within 30 s (log: $DIR/dockerd.log)"
}

# Copies `path` (as is, or dereferenced with -L) to the same path under the root file system $1.
put() {
  local rootfs=$1 path=$2 deref=${3:-}
  mkdir -p "$rootfs$(dirname "$path")"
  cp -a $deref "$path" "$rootfs$path"
}

# Copies each file with the shared libraries ldd lists for it into the root file system $1.
copy_with_libs() {
  local rootfs=$1
  shift
  local file lib
  for file in "$@"; do
    put "$rootfs" "$file" -L
    for lib in $(ldd "$(readlink -f "$file")" 2>/dev/null | grep -o '/[^ ]*' || true); do
      [ -e "$rootfs$lib" ] || put "$rootfs" "$lib" -L
    done
  done
}

# /etc/passwd and /etc/group with root and the `node` user (uid 1000) the official Node images have.
write_users() {
  local rootfs=$1
  mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/node"
  chmod 1777 "$rootfs/tmp"
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"$rootfs/etc/group"
  chown 1000:1000 "$rootfs/home/node"
}

images() {
  command -v influxd >/dev/null || die "influxd not found: apt-get install -y influxdb"
  local build="$DIR/build"
  rm -rf "$build"
  mkdir -p "$build/influxdb" "$build/node"

  local influx="$build/influxdb"
  copy_with_libs "$influx" "$(command -v influxd)" "$(command -v curl)"
  write_users "$influx"
  mkdir -p "$influx/var/lib/influxdb" "$influx/etc/ssl"
  tar -C "$influx" -c . | docker import \
    --change 'ENV INFLUXDB_META_DIR=/var/lib/influxdb/meta' \
    --change 'ENV INFLUXDB_DATA_DIR=/var/lib/influxdb/data' \
    --change 'ENV INFLUXDB_DATA_WAL_DIR=/var/lib/influxdb/wal' \
    --change 'ENV INFLUXDB_REPORTING_DISABLED=true' \
    --change 'EXPOSE 8086' \
    --change 'CMD ["/usr/bin/influxd"]' \
    - "$INFLUX_IMAGE" >/dev/null
  echo "local-docker: built $INFLUX_IMAGE ($(influxd version 2>/dev/null | head -n 1))"

  local node="$build/node"
  local nodebin npmdir
  nodebin=$(command -v node)
  npmdir=$(dirname "$(readlink -f "$(command -v npm)")")/..
  copy_with_libs "$node" "$nodebin" /bin/sh \
    "$(command -v mkdir)" "$(command -v chown)" "$(command -v rm)" "$(command -v env)"
  mkdir -p "$node/usr/local/lib/node_modules" "$node/usr/local/bin"
  cp -a "$(readlink -f "$npmdir")" "$node/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$node/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$node/usr/local/bin/npx"
  [ -e "$node/usr/local/bin/node" ] || ln -s "$nodebin" "$node/usr/local/bin/node"
  put "$node" /etc/ssl/certs/ca-certificates.crt -L
  write_users "$node"
  tar -C "$node" -c . | docker import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV NODE_VERSION='"$(node -p process.versions.node)" \
    --change 'CMD ["node"]' \
    - "$NODE_IMAGE" >/dev/null
  echo "local-docker: built $NODE_IMAGE (node $(node -p process.versions.node))"
  rm -rf "$build"
}

down() {
  if [ -S "$SOCK" ] && docker info >/dev/null 2>&1; then
    local running
    running=$(docker ps -aq)
    [ -z "$running" ] || docker rm -f $running >/dev/null || true
  fi
  if [ -f "$DIR/pid" ]; then
    local pid
    pid=$(cat "$DIR/pid")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # What dockerd leaves mounted under its roots (netns, overlay, shm), deepest first.
  local mounts
  mounts=$(awk -v d="$DIR" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r)
  for m in $mounts; do umount -l "$m" 2>/dev/null || true; done
  rm -rf "$DIR"
  echo "local-docker: engine stopped, $DIR removed"
}

case "${1:-}" in
  up) up ;;
  images) images ;;
  env)
    # testcontainers: the engine has no bridge to find the host through, and no registry for Ryuk.
    echo "export DOCKER_HOST=$DOCKER_HOST"
    echo "export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
    echo "export TESTCONTAINERS_RYUK_DISABLED=true"
    ;;
  down) down ;;
  *) die "usage: $0 up|images|env|down" ;;
esac
