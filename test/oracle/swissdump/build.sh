#!/usr/bin/env bash
# Builds the Swiss-table map oracle:
#   test/oracle/swissdump/build.sh OUT [--go 1.26.8|1.27.3] [--arch amd64|386] [--experiment mapsplitgroup]
# Prints nothing on success. Go 1.26.8 is the machine's `go` (GOTOOLCHAIN=local); any other
# version is fetched by the go command (GOTOOLCHAIN=go1.27.3, about 10 s the first time).
# The binary checks its struct mirrors against the runtime it was built with before running.
set -euo pipefail
out="${1:?usage: build.sh OUT [--go VERSION] [--arch amd64|386] [--experiment mapsplitgroup]}"
shift
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
version=1.26.8 arch=amd64 experiment=
while [ $# -gt 0 ]; do
  case "$1" in
    --go) version="${2:?--go needs a version}"; shift 2 ;;
    --arch) arch="${2:?--arch needs amd64 or 386}"; shift 2 ;;
    --experiment) experiment="${2:?--experiment needs a name}"; shift 2 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$version" in 1.26) version=1.26.8 ;; 1.27) version=1.27.3 ;; esac
case "$version" in 1.26.*|1.27.*) ;; *) echo "build.sh: Go $version: the mirrors are Go 1.26's and 1.27's" >&2; exit 2 ;; esac
case "$arch" in amd64|386) ;; *) echo "build.sh: GOARCH $arch: only amd64 and 386 run on this machine" >&2; exit 2 ;; esac
case "$experiment" in
  "") ;;
  mapsplitgroup) case "$version" in 1.27.*) ;; *) echo "build.sh: GOEXPERIMENT=mapsplitgroup needs Go 1.27" >&2; exit 2 ;; esac ;;
  *) echo "build.sh: unsupported GOEXPERIMENT $experiment" >&2; exit 2 ;;
esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The machine's go when it is the version asked for, else the go command fetches that toolchain.
if [ "$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null)" = "go$version" ]; then
  export GOTOOLCHAIN=local
else
  export GOTOOLCHAIN="go$version"
fi
export GOFLAGS=-mod=mod GO111MODULE=on CGO_ENABLED=0 GOOS=linux GOARCH="$arch" GOEXPERIMENT="$experiment"
# Go's default cache and module dirs live under $HOME; use /tmp when that is not writable.
home_ok() { [ -n "${HOME:-}" ] && { [ -w "$HOME/$1" ] || { [ ! -e "$HOME/$1" ] && [ -w "$HOME" ]; }; }; }
if [ -z "${GOCACHE:-}" ] && [ -z "${XDG_CACHE_HOME:-}" ] && ! home_ok .cache; then
  export GOCACHE=/tmp/swissdump-gocache
fi
if [ -z "${GOPATH:-}" ] && ! home_ok go; then
  export GOPATH=/tmp/swissdump-gopath
fi
cd "$here"
# -buildvcs=false: the VCS stamp (the repository's HEAD) would change the main package's cache key
# with every commit anywhere in the tree, and the 196 instantiations take a minute to compile.
go build -trimpath -buildvcs=false -o "$out" . >&2
"$out" -check-mirrors >/dev/null
