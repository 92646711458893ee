#!/usr/bin/env bash
# Rebuilds the Swiss-table oracle for every configuration (Go 1.26.8 and 1.27.3, amd64 and 386,
# and 1.27.3 with GOEXPERIMENT=mapsplitgroup), checks each binary's assign paths against its
# code, and regenerates the fixtures in test/fixtures/swiss/.
#   test/oracle/swissgen/regen.sh [--seed N] [--only NAME,...]
# Dumps depend on the runtime's per-process hash key and random seeds, so a regeneration rewrites
# every dump (and the traces of churn plans); a NAME.trace.json always goes with its dumps.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bins="$(mktemp -d /tmp/swissdump-bins.XXXXXX)"
trap 'rm -rf "$bins"' EXIT
build() { "$here/../swissdump/build.sh" "$bins/swissdump-$1" "${@:2}"; }
build go126-amd64 --go 1.26.8 --arch amd64
build go126-386 --go 1.26.8 --arch 386
build go127-amd64 --go 1.27.3 --arch amd64
build go127-386 --go 1.27.3 --arch 386
build go127-amd64-split --go 1.27.3 --arch amd64 --experiment mapsplitgroup
node "$here/assign.mjs" "$bins"/swissdump-*
node "$here/gen.mjs" --oracles "$bins" --out "$here/../../fixtures/swiss" "$@"
