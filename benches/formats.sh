#!/bin/sh
# Per-format speed and peak memory: N copies (default 100) of the same corpus
# document as .txt and as its .html, .docx and .pdf renditions from
# tests/fixtures/formats, each folder extracted on one thread, RUNS times
# (default 3; the median CPU time is kept). Each format's documents per
# CPU-second is held against its floor in benches/format_floors.tsv (the
# floors README quotes); the script exits 1 if any format falls below.
# Needs GNU time (`apt-get install time`) and a release build.
set -eu
n=${1:-100}
runs=${RUNS:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/target/release/zhibiao"
floors="$root/benches/format_floors.tsv"
name=003_0d40b9ad88d90563
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for ext in txt html docx pdf; do
    mkdir "$work/$ext"
    if [ "$ext" = txt ]; then src="$root/corpus/$name.txt"; else src="$root/tests/fixtures/formats/$name.$ext"; fi
    i=0
    while [ "$i" -lt "$n" ]; do cp "$src" "$work/$ext/$i.$ext"; i=$((i + 1)); done
done
printf '%-5s %10s %8s %10s %12s %8s %12s  %s\n' format bytes cpu_s MB/cpu_s docs/cpu_s floor peak_RSS_MB verdict
status=0
for ext in txt html docx pdf; do
    bytes=$(cat "$work/$ext"/* | wc -c)
    : > "$work/cpu"
    rss=0
    r=0
    while [ "$r" -lt "$runs" ]; do
        /usr/bin/time -f "%U %S %M" -o "$work/time" "$bin" extract "$work/$ext" -j 1 -q -o "$work/out.json"
        read -r user sys m < "$work/time"
        echo "$user $sys" | awk '{ print $1 + $2 }' >> "$work/cpu"
        [ "$m" -gt "$rss" ] && rss=$m
        r=$((r + 1))
    done
    cpu=$(sort -n "$work/cpu" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    floor=$(awk -v e="$ext" '$1 == e { print $2 }' "$floors")
    line=$(awk -v e="$ext" -v b="$bytes" -v c="$cpu" -v r="$rss" -v n="$n" -v f="$floor" \
        'BEGIN { d = n / c; printf "%-5s %10d %8.2f %10.1f %12.0f %8d %12.0f  %s\n", e, b, c, b / c / 1e6, d, f, r / 1024, (d >= f ? "ok" : "BELOW FLOOR") }')
    echo "$line"
    case "$line" in *"BELOW FLOOR"*) status=1 ;; esac
done
exit "$status"
