#!/usr/bin/env bash
# Builds the Go 1.19 map oracle: test/oracle/mapdump/build.sh OUT
# Prints nothing on success. Must be built with Go 1.19 (the runtime it inspects).
set -euo pipefail
out="${1:?usage: build.sh OUT}"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO119:-/usr/lib/go-1.19/bin/go}"
export GOFLAGS=-mod=mod GO111MODULE=on GOTOOLCHAIN=local
# Go's default cache and module dirs live under $HOME; use /tmp when that is not writable.
home_ok() { [ -n "${HOME:-}" ] && { [ -w "$HOME/$1" ] || { [ ! -e "$HOME/$1" ] && [ -w "$HOME" ]; }; }; }
if [ -z "${GOCACHE:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ] && ! home_ok .cache; then
  export GOCACHE=/tmp/mapdump-gocache
fi
if [ -z "${GOPATH:-}" ] && ! home_ok go; then
  export GOPATH=/tmp/mapdump-gopath
fi
cd "$here"
"$GO" build -trimpath -o "$out" . >&2
