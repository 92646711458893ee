#!/usr/bin/env bash
# Builds the Go 1.19 map oracle: test/oracle/mapdump/build.sh OUT
# Prints nothing on success. Must be built with Go 1.19 (the runtime it inspects).
set -euo pipefail
out="${1:?usage: build.sh OUT}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO119:-/usr/lib/go-1.19/bin/go}"
export GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local
if [ -z "${GOCACHE:-}" ]; then
  def="${HOME:-/nonexistent}/.cache/go-build"
  if ! { mkdir -p "$def" && [ -w "$def" ]; } 2>/dev/null; then
    export GOCACHE=/tmp/mapdump-gocache
  fi
fi
if [ -z "${GOPATH:-}" ] && ! { mkdir -p "${HOME:-/nonexistent}/go" && [ -w "${HOME:-/nonexistent}/go" ]; } 2>/dev/null; then
  export GOPATH=/tmp/mapdump-gopath
fi
cd "$here"
"$GO" build -trimpath -o "$out" . >&2
