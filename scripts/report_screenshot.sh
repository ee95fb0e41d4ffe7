#!/usr/bin/env bash
# Screenshot of a rendered report.html with headless Chromium, and a check that it renders cleanly.
# Usage (from the repo root):
#   scripts/report_screenshot.sh REPORT.html OUT.png [WIDTH,HEIGHT]
# WIDTH,HEIGHT is the window in CSS pixels (default 1280,4000; the page below it is cut off).
# Installs Debian's `chromium` with apt-get when it is missing (needs root, or sudo).
# Network is blocked for the page (every host resolves to nothing), so a report that needs an
# external asset shows it missing. Exits non-zero when Chromium fails, no PNG is written, the
# console shows an error (JavaScript "Uncaught ...", a failed resource load), or the rendered DOM
# has fewer <svg> elements than the file.
# A sample report comes from the tests:
#   RESTOCK_REPORT_SAMPLE=/tmp/report.html swift test --scratch-path .build-rep2 --filter RestockReportTests
set -euo pipefail
report=${1:?usage: report_screenshot.sh REPORT.html OUT.png [WIDTH,HEIGHT]}
out=${2:?usage: report_screenshot.sh REPORT.html OUT.png [WIDTH,HEIGHT]}
size=${3:-1280,4000}
[ -f "$report" ] || { echo "report_screenshot: no such file: $report" >&2; exit 2; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "report_screenshot: installing chromium (apt-get)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi

page="file://$(realpath "$report")"
png=$(realpath -m "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run
       --user-data-dir="$work/profile" --host-resolver-rules="MAP * ~NOTFOUND"
       --enable-logging=stderr --v=0)

rm -f "$png"
chromium "${flags[@]}" --window-size="$size" --screenshot="$png" "$page" 2>"$work/shot.log" || {
  cat "$work/shot.log" >&2; echo "report_screenshot: chromium failed (screenshot)" >&2; exit 1; }
chromium "${flags[@]}" --dump-dom "$page" >"$work/dom.html" 2>"$work/dom.log" || {
  cat "$work/dom.log" >&2; echo "report_screenshot: chromium failed (dump-dom)" >&2; exit 1; }

status=0
if [ ! -s "$png" ]; then
  echo "report_screenshot: no screenshot written to $png" >&2; status=1
fi
# Console messages are logged as `CONSOLE(line)] "message"`; failed loads as net::ERR_*.
if grep -hE 'CONSOLE|Uncaught|net::ERR_' "$work/shot.log" "$work/dom.log" >&2; then
  echo "report_screenshot: console errors (above)" >&2; status=1
fi
want=$(grep -o '<svg' "$report" | wc -l)
got=$(grep -o '<svg' "$work/dom.html" | wc -l)
if [ "$got" -lt "$want" ]; then
  echo "report_screenshot: rendered DOM has $got <svg> of $want" >&2; status=1
fi
[ "$status" -eq 0 ] && echo "report_screenshot: $png ($want svg, no console errors)"
exit "$status"
