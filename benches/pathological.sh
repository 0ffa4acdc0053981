#!/usr/bin/env bash
# Does `zhibiao extract` stay linear on inputs built to be slow? Each input is
# generated at a base size and at four times that size, and timed with
# /usr/bin/time on one thread; the ratio of CPU times should be about 4.
# The last inputs, `plans` and `page`, are ordinary plans made one huge
# document (text, and a web page): their peak memory per input byte is the
# figure for one huge real document.
# Usage: bash benches/pathological.sh [SCALE]   (SCALE 1 = the README figures;
# 0.1 for a quick look)
# No pipefail: `yes | head` ends `yes` with SIGPIPE by design.
set -eu
cd "$(dirname "$0")/.."
scale=${1:-1}
cargo build --release -q
bin=$PWD/target/release/zhibiao
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

n() { awk -v a="$1" -v s="$scale" 'BEGIN { printf "%d", a * s }'; }

# One input of `k` units of its kind.
gen() {
  local kind=$1 k=$2 out=$3
  case $kind in
    line)      # one line, no line break: a plan sentence repeated
      yes '新增规模企业5家,完成投资3.5亿元,满意率达到95%以上;' | head -n "$k" | tr -d '\n' > "$out" ;;
    headings)  # numbered headings, each with one goal line
      seq 1 "$k" | awk '{ printf "%d、工作%d\n完成%d个项目。\n", $1 % 50 + 1, $1, $1 }' > "$out" ;;
    digits)    # lines holding a number of 10,000 digits
      local d; d=$(head -c 10000 /dev/zero | tr '\0' 7)
      yes "完成${d}个项目。" | head -n "$k" > "$out" ;;
    dotted)    # `1.2.3.4` over and over, on one line
      yes '1.2.3.4' | head -n "$k" | tr '\n' ' ' > "$out" ;;
    dashes)    # `--5%` over and over, on one line
      yes -- '--5%' | head -n "$k" | tr '\n' ' ' > "$out" ;;
    numerals)  # a run of Chinese numeral characters that is no numeral
      yes '十百' | head -n "$k" | tr -d '\n' > "$out" ;;
    plans)     # not slow by design: the plans of corpus/ as one huge document
      local i; for i in $(seq "$k"); do cat corpus/*.txt; done > "$out" ;;
    page)      # the same as one huge web page, a paragraph a line
      { echo '<html><head><meta charset="utf-8"><title>plans</title></head><body>'
        local i; for i in $(seq "$k"); do sed 's|.*|<p>&</p>|' corpus/*.txt; done
        echo '</body></html>'; } > "$out" ;;
  esac
}

# CPU seconds (user + system) and wall seconds of one run.
run() {
  /usr/bin/time -f "%U %S %e %M" -o "$dir/time" "$bin" extract -q -j 1 --max-file-size 1G "$1" -o "$dir/out.json"
  awk '{ printf "%.2f %.2f %d\n", $1 + $2, $3, $4 / 1024 }' "$dir/time"
}

printf '%-9s %10s %8s %8s %10s %8s %8s %6s\n' input size cpu_s rss_mb 4x_size cpu_s rss_mb ratio
for spec in "line 180000" "headings 25000" "digits 100" "dotted 250000" "dashes 250000" "numerals 500000" "plans 150" "page 150"; do
  set -- $spec
  base=$(n "$2")
  gen "$1" "$base" "$dir/a.txt"
  gen "$1" $((base * 4)) "$dir/b.txt"
  read -r ca wa ra < <(run "$dir/a.txt")
  read -r cb wb rb < <(run "$dir/b.txt")
  sa=$(du -h --apparent-size "$dir/a.txt" | cut -f1)
  sb=$(du -h --apparent-size "$dir/b.txt" | cut -f1)
  ratio=$(awk -v a="$ca" -v b="$cb" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "-" }')
  printf '%-9s %10s %8s %8s %10s %8s %8s %6s\n' "$1" "$sa" "$ca" "$ra" "$sb" "$cb" "$rb" "$ratio"
done
