#!/usr/bin/env bash
# Fuzzes the CSV reader and every contract table loader with libFuzzer (and AddressSanitizer)
# for a set time: bash scripts/fuzz.sh [SECONDS] (default 60). The corpus grows in
# .build/fuzz-corpus (seeded from samples/); crashes are written as .build/fuzz-crashes/crash-*.
# A crash found becomes a regression input: copy it into Tests/Fixtures/fuzz/ (the test suite
# replays that folder with the normal build of restock-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift build -c release --product restock-fuzz --scratch-path .build/fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld
corpus=.build/fuzz-corpus
mkdir -p "$corpus" .build/fuzz-crashes
# Seeds: the first lines of each sample file, prefixed by the byte that selects its table.
i=0
for t in sales promotions events items inventory open_orders lanes; do
    f="samples/retail/$t.csv"
    if [ -f "$f" ]; then { printf "\\x$(printf %02x $i)"; head -c 2000 "$f"; } > "$corpus/seed-$t"; fi
    i=$((i + 1))
done
bin="$(find .build/fuzz -path '*release/restock-fuzz' -type f | head -1)"
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -artifact_prefix=.build/fuzz-crashes/ "$corpus"
