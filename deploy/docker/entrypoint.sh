#!/bin/sh
# Entrypoint of the peer image: the first argument chooses the service (the Helm chart passes it
# as the container's args). Tracing is bootstrapped by --import, so services need no code for it;
# it stays off unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
set -eu
APP_DIR=$(cd "$(dirname "$0")/../.." && pwd)
service="${1:-}"
[ "$#" -gt 0 ] && shift
case "$service" in
  dht | storage | transfer | gateway) main="services/$service/src/main.ts" ;;
  identity) main="deploy/docker/init-identity.ts" ;;
  *)
    echo "usage: entrypoint.sh dht|storage|transfer|gateway|identity [flags]" >&2
    exit 64
    ;;
esac
cd "$APP_DIR"
export NETSWARM_SERVICE="${NETSWARM_SERVICE:-$service}"
exec node --enable-source-maps --import tsx --import @netswarm/telemetry/register "$main" "$@"
