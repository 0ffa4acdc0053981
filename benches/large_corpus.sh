#!/usr/bin/env bash
# End-to-end throughput, thread scaling, peak memory and start-up time of
# `zhibiao extract`, on a large corpus built from the bundled documents.
#
# Usage: bash benches/large_corpus.sh [MB] [FORMAT]
#   MB      size of the corpus to build (default 200)
#   FORMAT  jsonl (default) or json
#   RUNS    (environment) runs per configuration (default 3)
#
# The corpus is the files of corpus/ copied under distinct names into a
# temporary folder (spread over sub-folders of 1,000 files) until it holds
# MB megabytes. It is extracted RUNS times with 1 thread, RUNS times with
# all cores, and RUNS times as independent one-thread processes, one per
# core, each on its share of the sub-folders (what the machine itself gives
# to parallel work), the three alternating; for the first two the script
# prints the best and the median wall time with their MB/s, and the highest
# peak resident memory of the runs (from GNU time), then the speed-ups as
# the median ratio of the rounds, and the all-core run against the
# independent processes. Shared and virtual machines vary by tens of
# percent from one run to the next; alternating runs share the
# disturbances. Then it times a one-file run, process start and dictionary
# load included, and runs `table`, `audit` and `track` on the corpus once
# each for their peak memory. Needs GNU time (/usr/bin/time, Debian package
# `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
format=${2:-jsonl}
cargo build --release -q
bin=./target/release/zhibiao
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# shellcheck source=benches/lib.sh
. benches/lib.sh
bench_corpus "$dir/in" "$mb"
files=$bench_files
bytes=$bench_bytes
echo "corpus: $files files, $bytes bytes, output $format"

runs=${RUNS:-3}
# One run, its wall time and peak memory appended to $dir/times_LABEL.
once() {
  local label=$1
  shift
  # Each run starts alike: no earlier output to replace, nothing left to
  # write back to disk from the previous run.
  rm -f "$dir/out"
  sync
  /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" extract "$dir/in" --format "$format" -o "$dir/out" -q "$@"
  cat "$dir/time" >>"$dir/times_$label"
}
# What the machine gives to independent work: the sub-folders split into
# as many shares as there are cores, one one-thread process on each share,
# all at once. The ratio of the one-thread run to these is the speed-up of
# work that shares nothing (no lock, no allocator, no output), which on a
# virtual machine is itself well below the core count and moves from run to
# run; the all-core run is judged against it. The shares are whole
# sub-folders dealt round the cores, so they are even only when the corpus
# holds a multiple of cores × 1,000 files or close to it (100 MB: six
# folders, 3,000 and 2,967 files on two cores).
mapfile -t folders < <(find "$dir/in" -mindepth 1 -maxdepth 1 -type d | sort)
cores=$(nproc)
# Each process is waited for by its id, so that one that fails stops the
# script instead of passing for a fast run.
shares() {
  local k i pid
  local -a share pids=()
  for k in $(seq 0 $((cores - 1))); do
    i=$k
    share=()
    while [ "$i" -lt "${#folders[@]}" ]; do
      share+=("${folders[$i]}")
      i=$((i + cores))
    done
    [ "${#share[@]}" -gt 0 ] || continue
    "$bin" extract "${share[@]}" --format "$format" -o "$dir/out_$k" -q -j 1 &
    pids+=("$!")
  done
  for pid in "${pids[@]}"; do
    wait "$pid"
  done
}
apart() {
  rm -f "$dir"/out_*
  sync
  local start end
  start=$(date +%s.%N)
  shares
  end=$(date +%s.%N)
  # Wall time, and 0 for the peak memory `once` records (not measured here).
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f 0\n", e - s }' >>"$dir/times_apart"
}
# The one-thread, all-core and independent runs alternate, so that all
# see the same disturbances of this machine's speed (which moves by tens
# of percent); each speed-up is the median of the rounds' ratios.
: >"$dir/times_1"
: >"$dir/times_all"
: >"$dir/times_apart"
for _ in $(seq 1 "$runs"); do
  once 1 -j 1
  once all
  # With fewer sub-folders than cores some cores would get no share.
  [ "${#folders[@]}" -lt "$cores" ] || apart
done
report() {
  sort -n "$dir/times_$1" | awk -v l="$2" -v b="$bytes" -v n="$runs" '
    { wall[NR] = $1; if ($2 > rss) rss = $2 }
    END {
      best = wall[1]; med = wall[int((n + 1) / 2)]
      printf "%-10s best %6.2f s %6.1f MB/s   median %6.2f s %6.1f MB/s   peak RSS %4.0f MB  (%d runs)\n",
        l, best, b / best / 1e6, med, b / med / 1e6, rss / 1024, n
    }'
}
report 1 "1 thread"
report all "all cores"
# ratio A B: the median, lowest and highest, over the rounds, of the wall
# time in times_A over that in times_B.
ratio() {
  paste "$dir/times_$1" "$dir/times_$2" | awk '{ print $1 / $3 }' | sort -n |
    awk '{ r[NR] = $1 } END { printf "%.2f %d %.2f %.2f\n", r[int((NR + 1) / 2)], NR, r[1], r[NR] }'
}
read -r med n lo hi < <(ratio 1 all)
printf 'speed-up   %sx with %d cores (median of %d alternating rounds; %s to %s)\n' "$med" "$cores" "$n" "$lo" "$hi"
if [ -s "$dir/times_apart" ]; then
  read -r med n lo hi < <(ratio 1 apart)
  printf 'machine    %sx with %d cores (median of %d alternating rounds; %s to %s)\n' "$med" "$cores" "$n" "$lo" "$hi"
  # The all-core run against independent processes: 1.00 means the
  # threads lose nothing to each other that the machine does not.
  read -r med n lo hi < <(ratio apart all)
  printf 'threads / independent processes   %s (median of %d rounds; %s to %s)\n' "$med" "$n" "$lo" "$hi"
else
  echo "machine    not measured: fewer sub-folders of 1,000 files than cores (a larger MB)"
fi

small=$(ls -S corpus/*.txt | tail -1)
best=999
for _ in $(seq 1 10); do
  /usr/bin/time -f "%e" -o "$dir/time" "$bin" extract "$small" -o "$dir/one.json" -q
  best=$(awk -v a="$best" -v b="$(cat "$dir/time")" 'BEGIN { print (b < a) ? b : a }')
done
echo "one file   $(basename "$small") ($(stat -c %s "$small") bytes): best of 10 wall ${best} s"

# The reporting commands on the same corpus, once each: their peak memory
# is what they keep of each document (rows, figures), not the documents.
report_rss() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" "$@" >/dev/null 2>&1
  awk -v l="$label" '{ printf "%-24s %6.2f s   peak RSS %4.0f MB\n", l, $1, $2 / 1024 }' "$dir/time"
}
report_rss "table (CSV)" table "$dir/in" -o "$dir/t.csv"
report_rss "audit (JSON)" audit "$dir/in" --format json -o "$dir/a.json"
# Plans from the first half of the sub-folders, reports from the rest.
half=$(((${#folders[@]} + 1) / 2))
if [ "${#folders[@]}" -ge 2 ]; then
  report_rss "track (half vs half)" track "${folders[@]:0:half}" --against "${folders[@]:half}" --format csv -o "$dir/k.csv"
fi
