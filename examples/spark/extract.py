#!/usr/bin/env python3
"""zhibiao as a Spark stage: a folder of documents in, a Parquet table of targets out.

    spark-submit --master 'local[2]' examples/spark/extract.py \\
        --zhibiao target/release/zhibiao 'corpus/*.txt' targets.parquet

Each file is read whole (`binaryFiles`, or `wholeTextFiles` with --text), turned
into one JSON line `{"path": ..., "bytes_b64": ...}` (or `"text"`), and piped
through `zhibiao extract --stdin-jsonl`, which answers every line with exactly
one line: a document record, or an error record for a file it cannot read.
The answers are parsed with `spark.read.json` against an explicit schema and
exploded into one row per target: document, unit, section path, goal, value,
unit of measure, kind, comparator, mode.

The binary travels with the job (`SparkContext.addFile`) and each task finds
its own copy with `SparkFiles.get`, so nothing needs installing on the workers.
It must be built for the workers' platform (a Linux x86-64 build for most
clusters; `cargo build --release --target x86_64-unknown-linux-musl` gives one
that needs no particular C library).
"""

import argparse
import base64
import json
import os
import stat
import subprocess
import sys
import threading

from pyspark import SparkFiles, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T


def request_from_bytes(path_and_bytes):
    """A `binaryFiles` record as an input line: raw bytes, so zhibiao detects the encoding."""
    path, content = path_and_bytes
    return json.dumps({"path": path, "bytes_b64": base64.b64encode(content).decode("ascii")})


def request_from_text(path_and_text):
    """A `wholeTextFiles` record as an input line (the file was read as UTF-8 by Spark)."""
    path, text = path_and_text
    return json.dumps({"path": path, "text": text}, ensure_ascii=False)


def pipe_through_zhibiao(binary_name, threads):
    """A mapPartitions function: the partition's lines through one zhibiao process.

    It does what `RDD.pipe` does, but resolves the binary with `SparkFiles.get`
    inside the task: `RDD.pipe` fixes its command on the driver, where
    `SparkFiles.get` names the driver's copy, which executors on other machines
    do not have. It also checks the one-answer-per-line contract and the exit
    status, so a failure fails the task instead of losing records.
    """

    def run(lines):
        binary = SparkFiles.get(binary_name)
        # Files shipped over the network may lose their executable bit.
        mode = os.stat(binary).st_mode
        if not mode & stat.S_IXUSR:
            os.chmod(binary, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        command = [binary, "extract", "--stdin-jsonl", "-q", "-j", str(threads)]
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        sent = [0]
        failure = []

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                    sent[0] += 1
                proc.stdin.close()
            except BaseException as e:  # reported by the reading side
                failure.append(e)
                proc.kill()

        # Written from a second thread while this one reads: zhibiao answers
        # as it goes, and neither side may block the other on a full pipe.
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        received = 0
        for answer in proc.stdout:
            received += 1
            yield answer.decode("utf-8").rstrip("\n")
        writer.join()
        status = proc.wait()
        if failure:
            raise RuntimeError(f"feeding zhibiao failed: {failure[0]!r}")
        if status != 0:
            raise RuntimeError(f"{' '.join(command)} exited with status {status}")
        if received != sent[0]:
            raise RuntimeError(f"zhibiao answered {received} of {sent[0]} lines")

    return run


def nullable(t):
    return T.StructField(t[0], t[1], True)


def struct(*fields):
    return T.StructType([nullable(f) for f in fields])


S = T.StringType()
SPAN = struct(("start", T.LongType()), ("end", T.LongType()))
TARGET = struct(
    ("text", S), ("span", SPAN), ("value", T.DoubleType()), ("value_max", T.DoubleType()),
    ("unit", S), ("object", S), ("metric", S), ("kind", S), ("comparator", S),
    ("change", S), ("mode", S),
)
GOAL = struct(
    ("id", S), ("section", S), ("path", T.ArrayType(S)), ("label", S), ("text", S),
    ("mode", S), ("domain", S), ("measurability", S), ("targets", T.ArrayType(TARGET)),
)
UNIT = struct(("id", S), ("name", S), ("goals", T.ArrayType(GOAL)))
# The fields of zhibiao's `document` and `error` records this job uses (the
# full schema is `zhibiao schema --jsonl`); other fields are skipped when
# parsing. Given rather than inferred, so Spark reads the answers once.
RECORD = struct(
    ("record", S), ("path", S), ("id", S), ("sha256", S), ("encoding", S),
    ("year", T.LongType()), ("genre", S), ("units", T.ArrayType(UNIT)),
    ("kind", S), ("message", S),
)


def targets_of(records):
    """One row per target, with its document, unit, section path and goal."""
    documents = records.where(F.col("record") == "document")
    units = documents.select(
        F.col("path").alias("document"),
        F.col("year"),
        F.col("genre"),
        F.explode("units").alias("u"),
    )
    goals = units.select(
        "document", "year", "genre",
        F.col("u.name").alias("unit"),
        F.explode("u.goals").alias("g"),
    )
    targets = goals.select(
        "document", "year", "genre", "unit",
        F.col("g.path").alias("section_path"),
        F.col("g.id").alias("goal_id"),
        F.col("g.text").alias("goal"),
        F.col("g.mode").alias("goal_mode"),
        F.col("g.domain").alias("domain"),
        F.posexplode("g.targets").alias("target_index", "t"),
    )
    return targets.select(
        "document", "year", "genre", "unit", "section_path", "goal_id", "goal",
        "goal_mode", "domain", "target_index",
        F.col("t.text").alias("target"),
        F.col("t.value").alias("value"),
        F.col("t.value_max").alias("value_max"),
        F.col("t.unit").alias("value_unit"),
        F.col("t.object").alias("object"),
        F.col("t.metric").alias("metric"),
        F.col("t.kind").alias("kind"),
        F.col("t.comparator").alias("comparator"),
        F.col("t.change").alias("change"),
        F.col("t.mode").alias("mode"),
        F.col("t.span.start").alias("span_start"),
        F.col("t.span.end").alias("span_end"),
    )


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="files, a folder or a glob (any Hadoop path, e.g. 'hdfs:///plans/*.txt')")
    p.add_argument("output", help="Parquet folder for the targets (overwritten)")
    p.add_argument("--zhibiao", required=True, help="the zhibiao binary to ship to the workers")
    p.add_argument("--errors", help="Parquet folder for the files that could not be extracted")
    p.add_argument("--text", action="store_true",
                   help="read with wholeTextFiles (UTF-8 only) instead of binaryFiles")
    p.add_argument("--partitions", type=int, default=None,
                   help="partitions to extract in (default: as read, but at least one per core)")
    p.add_argument("--threads-per-task", type=int, default=1,
                   help="zhibiao threads per task (default 1: Spark runs one task per core)")
    p.add_argument("--master", help="Spark master when run with plain python, e.g. 'local[2]'")
    args = p.parse_args(argv)

    builder = SparkSession.builder.appName("zhibiao")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.addFile(os.path.abspath(args.zhibiao))
    name = os.path.basename(args.zhibiao)

    if args.text:
        requests = sc.wholeTextFiles(args.input).map(request_from_text)
    else:
        requests = sc.binaryFiles(args.input).map(request_from_bytes)
    # Small files are packed into splits of up to 128 MB, so a folder of
    # plans arrives as one partition that a single core would extract;
    # spread it out. A large input already has partitions enough and is not
    # shuffled.
    wanted = args.partitions or max(requests.getNumPartitions(), sc.defaultParallelism)
    if wanted != requests.getNumPartitions():
        requests = requests.repartition(wanted)
    answers = requests.mapPartitions(pipe_through_zhibiao(name, args.threads_per_task))
    # FAILFAST: a line that does not fit the schema stops the job rather than
    # becoming a row of nulls.
    records = spark.read.schema(RECORD).option("mode", "FAILFAST").json(answers)
    # Both tables below come from the same answers: extract once.
    records = records.persist(StorageLevel.MEMORY_AND_DISK)

    targets_of(records).write.mode("overwrite").parquet(args.output)
    errors = records.where(F.col("record") == "error").select("path", "kind", "message")
    if args.errors:
        errors.write.mode("overwrite").parquet(args.errors)
    counts = {r["record"]: r["count"] for r in records.groupBy("record").count().collect()}
    print(
        f"zhibiao on spark: {counts.get('document', 0)} documents, "
        f"{counts.get('error', 0)} errors; targets in {args.output}",
        file=sys.stderr,
    )
    spark.stop()


if __name__ == "__main__":
    main()
