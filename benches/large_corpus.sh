#!/usr/bin/env bash
# Throughput and peak memory of `zhibiao extract` on a large corpus: the
# bundled documents copied N times (default 200, i.e. 1,000 files, ~17 MB).
# Usage: bash benches/large_corpus.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
cargo build --release -q
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for i in $(seq 1 "$n"); do
  for f in corpus/*.txt; do cp "$f" "$dir/$(basename "$f" .txt)_$i.txt"; done
done
bytes=$(cat "$dir"/*.txt | wc -c)
files=$(ls "$dir" | wc -l)
echo "$files files, $bytes bytes"
if command -v /usr/bin/time >/dev/null; then
  /usr/bin/time -f "wall %e s, peak RSS %M KB" ./target/release/zhibiao extract "$dir" -o "$dir/out.json" -q
else
  time ./target/release/zhibiao extract "$dir" -o "$dir/out.json" -q
fi
