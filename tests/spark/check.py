#!/usr/bin/env python3
"""Checks run by tests/spark.rs with a Python that has pyspark, pandas, duckdb and pyarrow.

    check.py loads --zhibiao BIN --readme README.md --corpus corpus/
        The README's pandas and DuckDB loads of `extract --format jsonl` output,
        run as written, give the documents and targets zhibiao reports.

    check.py spark --zhibiao BIN --example examples/spark/extract.py --corpus corpus/
        The Spark example in local[2] gives the same targets, value for value,
        as `zhibiao extract` on the same files, and the same failed files.

Exits non-zero with a message on the first difference.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


def fail(message):
    print(f"check.py: {message}", file=sys.stderr)
    sys.exit(1)


def cli_records(zhibiao, paths, out):
    """`zhibiao extract PATHS --format jsonl -o OUT`, parsed."""
    cmd = [zhibiao, "extract", *paths, "--format", "jsonl", "-q", "-o", out]
    status = subprocess.run(cmd).returncode
    if status not in (0, 1):  # 1: some files failed, which a check may want
        fail(f"{' '.join(cmd)} exited with {status}")
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def readme_block(readme, language, must_contain):
    """The first fenced block of `language` in the README holding `must_contain`."""
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    for body in re.findall(r"```" + language + r"\n(.*?)```", text, flags=re.S):
        if must_contain in body:
            return body
    fail(f"README has no ```{language} block with {must_contain!r}")


def check_loads(args):
    import duckdb

    with tempfile.TemporaryDirectory() as tmp:
        records = cli_records(args.zhibiao, [args.corpus], os.path.join(tmp, "out.jsonl"))
        summary = next(r for r in records if r["record"] == "summary")
        n_docs, n_targets = summary["documents_extracted"], summary["targets"]
        if n_docs == 0 or n_targets == 0:
            fail(f"nothing extracted from {args.corpus}: {summary}")

        # The snippets name `out.jsonl` in the working directory, as a user
        # would after `zhibiao extract corpus/ --format jsonl > out.jsonl`.
        here = os.getcwd()
        os.chdir(tmp)
        try:
            python = readme_block(args.readme, "python", 'read_json("out.jsonl", lines=True')
            scope = {}
            exec(compile(python, "README.md (pandas)", "exec"), scope)
            sql = readme_block(args.readme, "sql", "read_json_auto('out.jsonl')")
            rows = duckdb.sql(sql).fetchall()
        finally:
            os.chdir(here)

    got = (len(scope["records"]), len(scope["docs"]), len(scope["targets"]))
    want = (len(records), n_docs, n_targets)
    if got != want:
        fail(f"pandas snippet: (lines, documents, targets) = {got}, zhibiao says {want}")
    if len(rows) != n_targets or len({r[0] for r in rows}) != n_docs:
        fail(f"DuckDB snippet: {len(rows)} target rows over {len({r[0] for r in rows})} "
             f"documents, zhibiao says {n_targets} over {n_docs}")
    print(f"loads: pandas and DuckDB give {n_docs} documents and {n_targets} targets, as zhibiao")


def basename(path):
    return path.rstrip("/").rsplit("/", 1)[-1]


def expected_targets(records):
    """Rows as the example writes them, from zhibiao's own jsonl output."""
    rows = []
    for d in records:
        if d["record"] != "document":
            continue
        for u in d["units"]:
            for g in u["goals"]:
                for i, t in enumerate(g["targets"]):
                    rows.append({
                        "document": d["path"], "year": d["year"], "genre": d["genre"],
                        "unit": u["name"], "section_path": g["path"], "goal_id": g["id"],
                        "goal": g["text"], "goal_mode": g["mode"], "domain": g["domain"],
                        "target_index": i, "target": t["text"], "value": t["value"],
                        "value_max": t["value_max"], "value_unit": t["unit"],
                        "object": t["object"], "metric": t["metric"], "kind": t["kind"],
                        "comparator": t["comparator"], "change": t["change"], "mode": t["mode"],
                        "span_start": t["span"]["start"], "span_end": t["span"]["end"],
                    })
    return rows


def comparable(row):
    """A row with what legitimately differs removed: Spark reports paths as
    URIs (`file:/…/corpus/000_….txt`), and ids are derived from the path."""
    row = dict(row)
    row["document"] = basename(row["document"])
    row["goal_id"] = row["goal_id"].split("-", 1)[1]
    row["section_path"] = list(row["section_path"])
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def run_example(args, inputs, out, errors, extra):
    cmd = [sys.executable, args.example, "--master", "local[2]", "--zhibiao", args.zhibiao,
           "--errors", errors, ",".join(inputs), out, *extra]
    started = time.monotonic()
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        fail(f"{' '.join(cmd)} exited with {result.returncode}\n{result.stderr[-4000:]}")
    return time.monotonic() - started


def compare(label, records, out, errors):
    import pyarrow.parquet as pq

    want = sorted(comparable(r) for r in expected_targets(records))
    got = sorted(comparable(r) for r in pq.read_table(out).to_pylist())
    if len(got) != len(want):
        fail(f"{label}: {len(got)} targets from Spark, {len(want)} from zhibiao extract")
    for g, w in zip(got, want):
        if g != w:
            fail(f"{label}: first difference\n  spark: {g}\n  cli:   {w}")
    want_docs = sorted(basename(r["path"]) for r in records if r["record"] == "document")
    got_docs = sorted({basename(json.loads(g)["document"]) for g in got})
    # Documents without targets have no rows; all of these have some.
    if got_docs != want_docs:
        fail(f"{label}: documents {got_docs}, zhibiao says {want_docs}")
    want_errors = sorted((basename(r["path"]), r["kind"]) for r in records if r["record"] == "error")
    got_errors = sorted((basename(r["path"]), r["kind"]) for r in pq.read_table(errors).to_pylist())
    if got_errors != want_errors:
        fail(f"{label}: errors {got_errors}, zhibiao says {want_errors}")
    return len(got), len(want_docs), len(want_errors)


def check_spark(args):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    with tempfile.TemporaryDirectory() as tmp:
        # Beside the corpus: a GB18030 copy of one of its files (encoding
        # detection must survive the trip through Spark) and a PDF named .txt
        # (an error record, not a lost or failed task).
        extra = os.path.join(tmp, "extra")
        os.mkdir(extra)
        first = sorted(n for n in os.listdir(args.corpus) if n.endswith(".txt"))[0]
        with open(os.path.join(args.corpus, first), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(extra, "gb18030_" + first), "wb") as f:
            f.write(text.encode("gb18030"))
        with open(os.path.join(extra, "report.pdf.txt"), "wb") as f:
            f.write(PDF)
        corpus_glob = os.path.join(os.path.abspath(args.corpus), "*.txt")

        records = cli_records(args.zhibiao, [args.corpus, extra], os.path.join(tmp, "cli.jsonl"))
        out, errors = os.path.join(tmp, "targets.parquet"), os.path.join(tmp, "errors.parquet")
        seconds = run_example(args, [corpus_glob, extra], out, errors, ["--partitions", "3"])
        n = compare("binaryFiles", records, out, errors)
        print(f"spark binaryFiles: {n[0]} targets in {n[1]} documents and {n[2]} error(s) "
              f"equal zhibiao extract ({seconds:.1f} s)")

        records = cli_records(args.zhibiao, [args.corpus], os.path.join(tmp, "cli_text.jsonl"))
        seconds = run_example(args, [corpus_glob], out, errors, ["--text"])
        n = compare("wholeTextFiles", records, out, errors)
        print(f"spark wholeTextFiles: {n[0]} targets in {n[1]} documents equal zhibiao extract "
              f"({seconds:.1f} s)")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("check", choices=["loads", "spark"])
    p.add_argument("--zhibiao", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--readme")
    p.add_argument("--example")
    args = p.parse_args()
    # Absolute, since the loads check runs its snippets in a temporary folder.
    for name in ("zhibiao", "corpus", "readme", "example"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    if args.check == "loads":
        check_loads(args)
    else:
        check_spark(args)


if __name__ == "__main__":
    main()
