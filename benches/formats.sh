#!/bin/sh
# Per-format speed and peak memory: N copies (default 100) of the same corpus
# document as .txt and as its .html, .docx and .pdf renditions from
# tests/fixtures/formats, each folder extracted on one thread.
# Needs GNU time (`apt-get install time`) and a release build.
set -eu
n=${1:-100}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/zhibiao"
name=003_0d40b9ad88d90563
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ext in txt html docx pdf; do
    mkdir "$work/$ext"
    if [ "$ext" = txt ]; then src="$root/corpus/$name.txt"; else src="$root/tests/fixtures/formats/$name.$ext"; fi
    i=0
    while [ "$i" -lt "$n" ]; do cp "$src" "$work/$ext/$i.$ext"; i=$((i + 1)); done
done
printf '%-5s %10s %8s %10s %10s %12s\n' format bytes wall_s MB/s docs/s peak_RSS_MB
for ext in txt html docx pdf; do
    bytes=$(cat "$work/$ext"/* | wc -c)
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" extract "$work/$ext" -j 1 -q -o "$work/out.json"
    read -r wall rss < "$work/time"
    awk -v e="$ext" -v b="$bytes" -v w="$wall" -v r="$rss" -v n="$n" \
        'BEGIN { printf "%-5s %10d %8.2f %10.1f %10.0f %12.0f\n", e, b, w, b / w / 1e6, n / w, r / 1024 }'
done
