#!/usr/bin/env bash
# Two commits side by side: CPU time, wall time and peak memory of
# `zhibiao extract` built from OLD and from NEW, run alternately on the same
# inputs in one sitting, and whether their outputs are byte for byte equal.
#
# Usage: bash benches/compare.sh OLD NEW [MB]
#   OLD, NEW  git revisions (a commit, a branch, HEAD; `.` is the work tree
#             as it is, uncommitted changes included)
#   MB        size of the bench corpus built from corpus/ (default 100)
#   RUNS      (environment) runs of each binary per input (default 5)
#   JOBS      (environment) worker threads (default 1: CPU per byte)
#
# Why alternate: this machine's speed moves by tens of percent from minute
# to minute, so absolute figures from two sittings cannot be compared. Runs
# of OLD and NEW are interleaved (OLD NEW, NEW OLD, ...) so that both see
# the same disturbances, and the script reports the median of each and
# their ratio. The inputs are the bench corpus (the files of corpus/ copied
# under distinct names until MB megabytes, as benches/large_corpus.sh does)
# and corpus/ itself, which is small enough that process start and the
# dictionary load weigh in, as they do for a user extracting one folder.
# With callgrind installed, it also counts the instructions of one run of
# each on corpus/ (repeatable whatever the machine is doing).
#
# Needs GNU time (/usr/bin/time, Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
old=${1:?usage: compare.sh OLD NEW [MB]}
new=${2:?usage: compare.sh OLD NEW [MB]}
mb=${3:-100}
runs=${RUNS:-5}
jobs=${JOBS:-1}
if [ ! -x /usr/bin/time ]; then
  echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'git -C "$root" worktree prune; rm -rf "$work"' EXIT

# One shared target folder, so the dependencies are built once for both.
export CARGO_TARGET_DIR="$root/target/compare"
build() {
  local rev=$1 label=$2 src
  if [ "$rev" = . ]; then
    src=$root
  else
    src="$work/src-$label"
    git -C "$root" worktree add -q --detach "$src" "$rev"
  fi
  echo "building $label ($rev: $(git -C "$src" rev-parse --short HEAD))" >&2
  (cd "$src" && cargo build --release -q)
  cp "$CARGO_TARGET_DIR/release/zhibiao" "$work/zhibiao-$label"
  if [ "$src" != "$root" ]; then git -C "$root" worktree remove --force "$src"; fi
}
build "$old" old
build "$new" new

# shellcheck source=benches/lib.sh
. benches/lib.sh
bench_corpus "$work/bench" "$mb"
files=$bench_files
bytes=$bench_bytes
corpus_bytes=$(cat corpus/*.txt | wc -c)

# time_one LABEL INPUT: one run, appends "wall cpu rss_kb" to $work/t-LABEL-INPUT
time_one() {
  local label=$1 input=$2 dir=$3
  rm -f "$work/out-$label"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
    "$work/zhibiao-$label" extract "$dir" --format jsonl -j "$jobs" -q -o "$work/out-$label"
  awk '{ printf "%s %.3f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/t-$label-$input"
}

report() {
  local input=$1 size=$2
  for label in old new; do
    sort -n -k2 "$work/t-$label-$input" | awk -v l="$label" -v b="$size" -v n="$runs" '
      { w[NR] = $1; c[NR] = $2; if ($3 > rss) rss = $3 }
      END {
        m = int((n + 1) / 2)
        printf "  %-4s median CPU %7.3f s (%6.1f MB per CPU-second)  wall %7.3f s  peak RSS %5.0f MB\n",
          l, c[m], b / c[m] / 1e6, w[m], rss / 1024
        print c[m] > "/dev/stderr"
      }' 2>"$work/med-$label-$input"
  done
  awk -v o="$(cat "$work/med-old-$input")" -v n="$(cat "$work/med-new-$input")" \
    'BEGIN { printf "  CPU time new/old: %.3f  (old/new %.2fx)\n", n / o, o / n }'
}

for input in bench corpus; do
  if [ "$input" = bench ]; then dir="$work/bench"; size=$bytes; else dir="$root/corpus"; size=$corpus_bytes; fi
  for i in $(seq 1 "$runs"); do
    if [ $((i % 2)) -eq 1 ]; then order="old new"; else order="new old"; fi
    for label in $order; do time_one "$label" "$input" "$dir"; done
  done
  if cmp -s "$work/out-old" "$work/out-new"; then same="byte-identical"; else same="OUTPUTS DIFFER"; fi
  if [ "$input" = bench ]; then
    echo "bench corpus: $files files, $bytes bytes, -j $jobs, $runs runs each, alternating; output $same"
  else
    echo "corpus/: $(ls corpus/*.txt | wc -l) files, $size bytes, -j $jobs, $runs runs each; output $same"
  fi
  report "$input" "$size"
done

if command -v valgrind >/dev/null 2>&1; then
  for label in old new; do
    valgrind --tool=callgrind --callgrind-out-file="$work/cg-$label" \
      "$work/zhibiao-$label" extract corpus -j 1 -q -o "$work/cg-out-$label" 2>"$work/cg-log-$label"
    grep -o 'Collected : [0-9]*' "$work/cg-log-$label" | awk '{ print $3 }' >"$work/ir-$label"
  done
  awk -v o="$(cat "$work/ir-old")" -v n="$(cat "$work/ir-new")" \
    'BEGIN { printf "instructions on corpus/ (callgrind): old %d, new %d, new/old %.3f\n", o, n, n / o }'
fi
