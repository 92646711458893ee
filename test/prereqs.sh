#!/usr/bin/env bash
# Installs what the test suites need from Debian's packages when it can (root with apt-get), and
# otherwise says, one line each, what will be skipped. Never fails: the suites skip what is missing.
set -u
need=()
[ -x /usr/lib/go-1.19/bin/go ] || need+=(golang-1.19-go)
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "prereqs: installing ${need[*]} from Debian's packages"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/tmp/gomap-prereqs.log 2>&1; then
    echo "prereqs: apt-get failed (see /tmp/gomap-prereqs.log); suites that need ${need[*]} will say they skipped"
  fi
else
  echo "prereqs: skipped installing ${need[*]} (needs root and apt-get); suites that need them will say they skipped"
fi
exit 0
