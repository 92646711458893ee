#!/usr/bin/env bash
# Installs what the capture tests need, once, and says what it has:
#   test/capture/setup.sh dlv@v1.27.2 dlv@v1.21.2 go1.27.3
# dlv@VERSION: `go install github.com/go-delve/delve/cmd/dlv@VERSION` (through the Go module proxy)
# into test/capture/.bin/dlv-VERSION/ (gitignored); Delve v1.21.x is built by Debian's Go 1.19
# when present (/usr/lib/go-1.19/bin/go), as it predates the toolchains that read newer binaries.
# goX.Y.Z: fetches that Go toolchain (`GOTOOLCHAIN=goX.Y.Z go version`).
# Prints one line per argument: `ok NAME PATH-OR-VERSION` or `skip NAME: why`. Never fails.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Go's default cache and module dirs live under $HOME; use /tmp when that is not writable.
home_ok() { [ -n "${HOME:-}" ] && { [ -w "$HOME/$1" ] || { [ ! -e "$HOME/$1" ] && [ -w "$HOME" ]; }; }; }
if [ -z "${GOCACHE:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ] && ! home_ok .cache; then export GOCACHE=/tmp/gomap-capture-gocache; fi
if [ -z "${GOPATH:-}" ] && ! home_ok go; then export GOPATH=/tmp/gomap-capture-gopath; fi
GO="${GO:-go}"
GO119=/usr/lib/go-1.19/bin/go
log=/tmp/gomap-capture-setup.log
for want in "$@"; do
  case "$want" in
    dlv@*)
      v="${want#dlv@}"
      dir="$here/.bin/dlv-$v"
      if [ -x "$dir/dlv" ]; then echo "ok $want $dir/dlv"; continue; fi
      gocmd="$GO"
      case "$v" in v1.21.*) [ -x "$GO119" ] && gocmd="$GO119" ;; esac
      if ! command -v "$gocmd" >/dev/null 2>&1; then echo "skip $want: no Go to build it with"; continue; fi
      mkdir -p "$dir"
      if (cd /tmp && GOBIN="$dir" GOTOOLCHAIN=local GOFLAGS=-mod=mod "$gocmd" install "github.com/go-delve/delve/cmd/dlv@$v") >"$log" 2>&1; then
        echo "ok $want $dir/dlv"
      else
        echo "skip $want: go install failed: $(tail -1 "$log")"
      fi
      ;;
    go1.*)
      if out=$(cd /tmp && GOTOOLCHAIN="$want" "$GO" version 2>"$log"); then
        echo "ok $want $out"
      else
        echo "skip $want: cannot fetch the toolchain: $(tail -1 "$log")"
      fi
      ;;
    *) echo "skip $want: unknown requirement" ;;
  esac
done
exit 0
