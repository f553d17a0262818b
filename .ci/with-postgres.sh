#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback, for the persistence tests:
#   .ci/with-postgres.sh mvn -B verify
# Installs Debian's postgresql package when missing (needs root, as on CI), starts a private cluster in a
# temporary folder, exports COPILOT_GATEWAY_TEST_POSTGRES_URL (and ..._REQUIRED=true so the tests fail rather
# than skip PostgreSQL), runs the command, and stops the server it started.
set -euo pipefail

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "with-postgres: installing PostgreSQL (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)")

# PostgreSQL refuses to run as root: run it as the package's postgres user (or the current user if not root).
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
fi

cluster=$(mktemp -d /tmp/copilot-gateway-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$cluster"

port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done

echo postgres > "$cluster/superuser-password"
[ "$(id -u)" = 0 ] && chown postgres "$cluster/superuser-password"
"${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -A scram-sha-256 -U postgres --pwfile="$cluster/superuser-password" >/dev/null
"${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $cluster -c fsync=off" start >/dev/null
stop_server() { "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$cluster"; }
trap stop_server EXIT

PGPASSWORD=postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE copilot_gateway LOGIN PASSWORD 'copilot_gateway'" \
  -c "CREATE DATABASE copilot_gateway OWNER copilot_gateway"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export COPILOT_GATEWAY_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/copilot_gateway?user=copilot_gateway&password=copilot_gateway"
export COPILOT_GATEWAY_TEST_POSTGRES_REQUIRED=true
"$@"
