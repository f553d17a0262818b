#!/usr/bin/env bash
# Installs the pinned coding agents the agent integration tests (CodingAgentsIT) run, from the npm registry, into a
# cache shared by every clone: <cache>/<package>-<version>/node_modules/.bin/<command>. A cached install that
# answers --version is reused. Without npm on the PATH it writes <cache-marker> with the reason, and the agent
# tests are skipped (a JUnit assumption); with npm, a failed install fails the build.
# Usage: install.sh <cache dir> <skip marker file> <package@version:command>...
set -euo pipefail
cache=$1
marker=$2
shift 2
mkdir -p "$(dirname "$marker")"
rm -f "$marker"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "Node.js and npm are not on the PATH: the coding agent tests will be skipped" | tee "$marker"
  exit 0
fi
for spec in "$@"; do
  package=${spec%:*}          # @scope/name@version
  command=${spec##*:}
  name=${package%@*}
  version=${package##*@}
  prefix="$cache/$(echo "${name#@}" | tr / +)-$version"   # one folder per package and version
  bin="$prefix/node_modules/.bin/$command"
  if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
    echo "$name $version: cached in $prefix"
    continue
  fi
  echo "$name $version: installing into $prefix"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  # Exact version, no audit/funding calls; the native binaries come as npm packages (optional dependencies).
  npm install --prefix "$prefix" --no-audit --no-fund --no-save --save-exact --loglevel=error "$name@$version"
  "$bin" --version
done
