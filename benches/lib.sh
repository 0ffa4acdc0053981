# Shared by the bench scripts (sourced, not run).

# bench_corpus DIR MB: copy the files of corpus/ under distinct names into
# sub-folders of DIR (1,000 files each) until they hold MB megabytes. Sets
# bench_files and bench_bytes. Run from the project root.
bench_corpus() {
  local dir=$1 target=$(($2 * 1000 * 1000)) f sub
  bench_bytes=0
  bench_files=0
  while [ "$bench_bytes" -lt "$target" ]; do
    for f in corpus/*.txt; do
      sub="$dir/$((bench_files / 1000))"
      mkdir -p "$sub"
      cp "$f" "$sub/$(basename "$f" .txt)_$bench_files.txt"
      bench_bytes=$((bench_bytes + $(stat -c %s "$f")))
      bench_files=$((bench_files + 1))
      [ "$bench_bytes" -ge "$target" ] && break
    done
  done
}
