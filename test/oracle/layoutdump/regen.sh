#!/bin/sh
# Regenerates the layout fixtures (test/fixtures/layout/go1.19-{amd64,386}.json) from the real
# compiler and runtime: gen.ts writes pairs_gen.go, Go 1.19 builds layoutdump for each GOARCH and
# runs it (386 binaries run natively on amd64 Linux). Usage: test/oracle/layoutdump/regen.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
GO=${GO:-/usr/lib/go-1.19/bin/go}
fixtures="$here/../../fixtures/layout"
mkdir -p "$fixtures"
cd "$here/../../.."
npx tsx test/oracle/layoutdump/gen.ts
"$(dirname "$GO")/gofmt" -w "$here/pairs_gen.go"
cd "$here"
for arch in amd64 386; do
  GOARCH=$arch "$GO" run . > "$fixtures/go1.19-$arch.json.tmp"
  mv "$fixtures/go1.19-$arch.json.tmp" "$fixtures/go1.19-$arch.json"
  echo "regen.sh: wrote $fixtures/go1.19-$arch.json" >&2
done
