#!/usr/bin/env bash
# Wall time of the same input through the plain CLI, through the stream mode
# alone, and through the Spark example in local[2]: the bundled documents
# copied N times (default 200, i.e. 1,000 files, ~17 MB).
# Usage: ZHIBIAO_PYTHON=.venv/bin/python bash benches/spark_vs_cli.sh [N]
# (a Python with pyspark, as .ci/run sets up; Java for Spark).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
py=${ZHIBIAO_PYTHON:?set ZHIBIAO_PYTHON to a Python with pyspark}
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
cargo build --release -q
bin=$PWD/target/release/zhibiao
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/in"
for i in $(seq 1 "$n"); do
  for f in corpus/*.txt; do cp "$f" "$dir/in/$(basename "$f" .txt)_$i.txt"; done
done
echo "$(ls "$dir/in" | wc -l) files, $(cat "$dir"/in/*.txt | wc -c) bytes"

wall() { # label, command...: prints the label and the wall time in seconds
  local label=$1 start end
  shift
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  printf '%-44s %6.2f s\n' "$label" "$(echo "$end - $start" | bc)"
}

wall "zhibiao extract --format jsonl -j 2" \
  sh -c "'$bin' extract '$dir/in' --format jsonl -j 2 -q > '$dir/cli.jsonl'"
"$py" - "$dir/in" "$dir/requests.jsonl" <<'EOF'
import base64, json, os, sys
src, out = sys.argv[1], sys.argv[2]
with open(out, "w") as f:
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), "rb") as g:
            data = base64.b64encode(g.read()).decode("ascii")
        f.write(json.dumps({"path": name, "bytes_b64": data}) + "\n")
EOF
wall "zhibiao extract --stdin-jsonl -j 2 (bytes_b64)" \
  sh -c "'$bin' extract --stdin-jsonl -j 2 -q < '$dir/requests.jsonl' > '$dir/stream.jsonl'"
wall "spark local[2], examples/spark/extract.py" \
  sh -c "'$py' examples/spark/extract.py --master 'local[2]' --zhibiao '$bin' \
         '$dir/in/*.txt' '$dir/targets.parquet' 2>'$dir/spark.log'"
inputs=("$dir"/in/*.txt)
wall "spark local[2] on one file (fixed cost)" \
  sh -c "'$py' examples/spark/extract.py --master 'local[2]' --zhibiao '$bin' \
         '${inputs[0]}' '$dir/one.parquet' 2>>'$dir/spark.log'"
echo "documents: $(grep -c '"record":"document"' "$dir/cli.jsonl") (cli)," \
  "$(grep -c '"record":"document"' "$dir/stream.jsonl") (stream)"
grep 'zhibiao on spark' "$dir/spark.log"
