#!/usr/bin/env bash
# Runs the ABM analytics server on http://127.0.0.1:8080 with the embedded ClickHouse engine in ./data.
# Usage: ./run.sh [--port N] [--data DIR] [--no-demo]
# ANALYTICS_ADMIN_KEY, when set, is an API key with the admin role; otherwise a demo key is made and kept in the data folder.
set -euo pipefail
cd "$(dirname "$0")"

port=8080
data=./data
demo=true
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    --data) data="$2"; shift 2 ;;
    --data=*) data="${1#*=}"; shift ;;
    --no-demo) demo=false; shift ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# //'; exit 0 ;;
    *) echo "unknown option: $1 (see ./run.sh --help)" >&2; exit 64 ;;
  esac
done

./scripts/setup.sh
echo "[run] building"
dotnet build src/Api/Analytics.Api.csproj -c Release --nologo -v quiet -o .cache/build/api >/dev/null

mkdir -p "$data"
data=$(cd "$data" && pwd)
if [ -z "${ANALYTICS_ADMIN_KEY:-}" ]; then
  key_file="$data/.demo-admin-key"
  [ -s "$key_file" ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$key_file")
  ANALYTICS_ADMIN_KEY=$(cat "$key_file")
  export ANALYTICS_ADMIN_KEY
fi

url="http://127.0.0.1:$port"
cat <<INFO
[run] dashboards:  $url/
[run] GraphQL:     $url/graphql
[run] health:      $url/healthz
[run] demo API key (admin): $ANALYTICS_ADMIN_KEY
[run] data folder: $data   (Ctrl-C stops the server)
INFO

# exec: the server receives SIGINT/SIGTERM itself and stops cleanly.
exec dotnet .cache/build/api/Analytics.Api.dll --urls "$url" --Storage:Path="$data" --Demo:Load="$demo" --contentRoot "$PWD/src/Api"
