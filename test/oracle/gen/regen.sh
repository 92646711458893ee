#!/usr/bin/env bash
# Rebuilds the Go 1.19 oracle and regenerates every fixture in test/fixtures/maps/.
#   test/oracle/gen/regen.sh [--seed N] [--only NAME,...]
# Dumps depend on the runtime's per-process hash key, so a regeneration rewrites
# every dump (and the traces of plans with churn/collide macros); each
# NAME.trace.json always goes with its NAME.dump.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="$(mktemp -d /tmp/mapdump-bin.XXXXXX)/mapdump"
trap 'rm -rf "$(dirname "$bin")"' EXIT
"$here/../mapdump/build.sh" "$bin"
node "$here/gen.mjs" --oracle "$bin" --out "$here/../../fixtures/maps" "$@"
