#!/bin/bash
# Paired import runs for comparing two builds on a shared, noisy machine (BENCHMARKS.md, 2026-12-05):
# one build's CLI on a fresh data directory imports three 40,000-row rosters, then their corrected
# copies (1 % changed, rows reordered); prints each file's seconds and the load. Alternate the two
# builds, several rounds, and compare rounds run at the same load.
#
#   node -e "import('./dist/bench/import-data.js').then(async (d) => { for (const f of await d.writeRosters('/tmp/pair', 200000)) await d.writeCorrected(f, '/tmp/pair') })"
#   for i in 1 2; do bench/import-pair.sh /path/to/build-a a /tmp/pair; bench/import-pair.sh /path/to/build-b b /tmp/pair; done
set -euo pipefail
tree=$1 label=$2 files=$3
d=$(mktemp -d /tmp/import-pair-XXXX)
export DATA_DIR=$d/data DATABASE_URL=
cd "$tree"
node bin/lienthong.js org list > /dev/null 2>&1
line=$label
timed() { local s e; s=$(date +%s.%N); node bin/lienthong.js import "$@" > /dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc | cut -c1-5; }
for f in CD DTN HPN; do line="$line $f=$(timed --org $f --create-units --batch-size 5000 "$files/$f.csv")"; done
for f in CD DTN HPN; do line="$line $f-again=$(timed --org $f --batch-size 5000 "$files/$f-corrected.csv")"; done
echo "$line load=$(cut -d' ' -f1 /proc/loadavg)"
rm -rf "$d"
