#!/usr/bin/env bash
# Installs what the project needs, idempotently; ./run.sh and ./test.sh call it first.
#   - Debian packages (only those missing)
#   - libchdb.so, the embedded ClickHouse engine, from the pinned npm package, integrity checked, into .cache/chdb
#   - Chart.js for the dashboard web UI, from the pinned npm package, integrity checked, into dashboards/web/vendor
#   - GraphiQL 3 (its UMD build) and the React 18 it runs on, from the pinned npm packages, integrity checked, into
#     dashboards/web/vendor/{graphiql,react,react-dom}: the GraphQL IDE served at /graphql to browsers
#   - NuGet packages (dotnet restore)
#   - with --test-clients (./test.sh passes it): the npm clients the tests drive (graphql-js, urql, Segment's library)
#     into tests/clients/node_modules, by `npm ci` against the integrity pinned in tests/clients/package-lock.json
# A second run with everything present takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

CHDB_PACKAGE="@chdb/lib-linux-x64-gnu"
CHDB_VERSION="26.7.3-stable.1"
CHDB_INTEGRITY="sha512-XP97mMqnc5tZpKQywR8N7cLTsHNiTmHr30pC5mzo3jWmukjKn2IBa60c2B/gWUNcuFjOMjWoorQICCqBVj5wpw=="
CHDB_DIR=".cache/chdb"

CHARTJS_VERSION="4.6.1"
CHARTJS_INTEGRITY="sha512-hJyniucsFmq//EvXYvJ6c6mahPoI3kaxdjVH8awTaJ/fDNWeSqqqArixMJWkWNN6fcYvPU3HneSANFNYtRi61g=="
CHARTJS_DIR="dashboards/web/vendor/chart.js"

# GraphiQL 3 is the last line with a UMD build that runs without a bundler (4 and 5 are ES modules and Monaco); it
# needs React 16 to 18 as globals, which React 18 still ships as UMD files (19 does not).
GRAPHIQL_VERSION="3.9.0"
GRAPHIQL_INTEGRITY="sha512-rJYFlHdBbug9+YbFSwRVvgfPjCayC7wHecZkx/qB4XLuQPFQZw/yB9pmHFtOJV6RiNBBHro3u1GdocKa3YcGRA=="
REACT_VERSION="18.3.1"
REACT_INTEGRITY="sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ=="
REACT_DOM_INTEGRITY="sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw=="
VENDOR_DIR="dashboards/web/vendor"

# Debian packages the project uses (fonts and poppler for the PDF report, fonts-noto-cjk for its Chinese, Japanese and
# Korean text, aiosmtpd for the SMTP test sink, chromium and its fonts for the dashboards' browser tests, which
# Playwright drives without downloading a browser of its own).
DEBIAN_PACKAGES=(ca-certificates curl fonts-dejavu-core fonts-noto-cjk poppler-utils python3-aiosmtpd chromium fonts-liberation)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Packs a pinned npm package into a work folder, checks the tarball's integrity and prints its path.
npm_fetch() {
  local package="$1" version="$2" integrity="$3" work="$4"
  (cd "$work" && npm pack --silent "$package@$version" >/dev/null 2>npm-pack.log) \
    || { cat "$work/npm-pack.log" >&2; log "npm pack $package failed"; exit 1; }
  local tarball; tarball=$(ls "$work"/*.tgz)
  local actual; actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
  if [ "$actual" != "$integrity" ]; then
    log "integrity mismatch for $package@$version: expected $integrity, got $actual"
    exit 1
  fi
  echo "$tarball"
}

install_chdb() {
  if [ -f "$CHDB_DIR/libchdb.so" ] && [ "$(cat "$CHDB_DIR/VERSION" 2>/dev/null)" = "$CHDB_VERSION" ]; then
    return 0
  fi
  log "fetching $CHDB_PACKAGE@$CHDB_VERSION from npm (~180 MB)"
  local work; work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  local tarball; tarball=$(npm_fetch "$CHDB_PACKAGE" "$CHDB_VERSION" "$CHDB_INTEGRITY" "$work")
  tar -xzf "$tarball" -C "$work" package/libchdb.so
  mkdir -p "$CHDB_DIR"
  mv "$work/package/libchdb.so" "$CHDB_DIR/libchdb.so.partial"
  mv "$CHDB_DIR/libchdb.so.partial" "$CHDB_DIR/libchdb.so"
  echo "$CHDB_VERSION" > "$CHDB_DIR/VERSION"
  log "installed libchdb.so $CHDB_VERSION into $CHDB_DIR"
}

install_chartjs() {
  vendor_npm_files chart.js "$CHARTJS_VERSION" "$CHARTJS_INTEGRITY" "$CHARTJS_DIR" dist/chart.umd.min.js
}

# Copies files of a pinned npm package (paths inside it) into a vendor folder, with the package's licence (LICENSE or
# LICENSE.md) and a VERSION file; does nothing when that version and its files are there already.
vendor_npm_files() {
  local package="$1" version="$2" integrity="$3" dir="$4"; shift 4
  local present=1 file
  for file in "$@"; do [ -f "$dir/$(basename "$file")" ] || present=0; done
  if [ "$present" = 1 ] && [ "$(cat "$dir/VERSION" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  log "fetching $package@$version from npm"
  local work; work=$(mktemp -d)
  # TRICKY: a RETURN trap outlives the function: cleared as it fires, or it fires again in the caller, without $work.
  trap 'rm -rf "$work"; trap - RETURN' RETURN
  local tarball; tarball=$(npm_fetch "$package" "$version" "$integrity" "$work")
  tar -xzf "$tarball" -C "$work" --wildcards 'package/LICENSE*' "${@/#/package/}"
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$work"/package/LICENSE* "$dir/"
  for file in "$@"; do cp "$work/package/$file" "$dir/$(basename "$file")"; done
  echo "$version" > "$dir/VERSION"
  log "installed $package $version into $dir"
}

install_graphiql() {
  vendor_npm_files react "$REACT_VERSION" "$REACT_INTEGRITY" "$VENDOR_DIR/react" umd/react.production.min.js
  vendor_npm_files react-dom "$REACT_VERSION" "$REACT_DOM_INTEGRITY" "$VENDOR_DIR/react-dom" umd/react-dom.production.min.js
  vendor_npm_files graphiql "$GRAPHIQL_VERSION" "$GRAPHIQL_INTEGRITY" "$VENDOR_DIR/graphiql" graphiql.min.js graphiql.min.css
}

install_test_clients() {
  local dir="tests/clients"
  # npm ci writes node_modules/.package-lock.json: newer than the lockfile means it ran since the lockfile last changed.
  if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
    return 0
  fi
  log "installing the npm test clients into $dir"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --silent)
}

restore_nuget() {
  dotnet restore Analytics.sln --verbosity quiet --nologo >/dev/null || dotnet restore Analytics.sln --verbosity minimal
}

install_debian_packages
install_chdb
install_chartjs
install_graphiql
[ "${1:-}" = "--test-clients" ] && install_test_clients
restore_nuget
