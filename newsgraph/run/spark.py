"""The Apache Spark runner: contract records from JSON Lines, WARC, Parquet or any readable files.

Each partition builds (once per Python worker) the same engine as the local runner, so records are
identical whichever runner made them. Output is Parquet: the contract's scalar fields as columns, the
whole record as JSON in ``record``, and ``file_index``/``record_index`` to restore input order.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.ingest import iter_paths, read_bytes
from newsgraph.ingest.jsonl import MAX_LINE_BYTES, read_jsonl_bytes
from newsgraph.model import Article, InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
OUTPUT_FIELDS = ("schema", "id", "input", "url", "source", "title", "published", "published_basis", "error")

_partition_engine = None


def spark_session(master: str = "local[2]", app_name: str = "newsgraph"):
    """A Spark session for newsgraph; local mode binds to the loopback interface only."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName(app_name).config("spark.ui.enabled", "false")
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    return builder.config("spark.sql.shuffle.partitions", "4").getOrCreate()


def output_schema():
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    fields = [StructField(name, StringType()) for name in OUTPUT_FIELDS]
    fields += [StructField("file_index", IntegerType()), StructField("record_index", LongType())]
    return StructType([*fields, StructField("record", StringType())])


def record_row(record: Article | InputError, file_index: int, record_index: int) -> tuple:
    """One output row for an Article or an InputError."""
    data = record.to_dict()
    return (*(_scalar(data.get(name)) for name in OUTPUT_FIELDS), file_index, record_index, json.dumps(data))


def _scalar(value: Any) -> str | None:
    return None if value is None else str(value)


def _engine():
    global _partition_engine
    if _partition_engine is None:
        from newsgraph.engine import Engine

        _partition_engine = Engine()
    return _partition_engine


def _analyze_jsonl_partition(rows: Iterable, label: str, file_index: int, plain: bool, date: str | None) -> Iterator:
    """Rows are (line bytes, 0-based line index), read exactly as the local JSON Lines reader reads them."""
    numbered = []
    for raw, index in rows:
        line = None if len(raw) > MAX_LINE_BYTES else bytes(raw)
        item = read_jsonl_bytes(label, index + 1, line, plain)
        if item is not None:
            numbered.append((index, item))
    results = _engine().analyze((item for _, item in numbered), date)
    for (index, _), record in zip(numbered, results, strict=True):
        yield record_row(record, file_index, index)


def _analyze_file_partition(rows: Iterable, labels: dict[str, tuple[str, int]], plain: bool, date: str | None):
    for uri, data in rows:
        label, file_index = labels[_local_path(uri)]
        for index, record in enumerate(_engine().analyze(read_bytes(label, bytes(data), plain), date)):
            yield record_row(record, file_index, index)


def _local_path(uri: str) -> str:
    return str(Path(uri.removeprefix("file:")).resolve())


def analyze_to_dataframe(spark, inputs: list[str], plain: bool = False, date: str | None = None):
    """A DataFrame of contract records for the inputs (files or folders), as the local runner labels them."""
    files = list(iter_paths(inputs))
    frames = []
    binary: dict[str, tuple[str, int]] = {}
    for file_index, label in enumerate(files):
        if label.lower().endswith(JSONL_SUFFIXES):
            frames.append(_jsonl_frame(spark, label, file_index, plain, date))
        elif label.lower().endswith(".parquet") or Path(label, "_SUCCESS").exists():
            frames.append(_parquet_frame(spark, label, file_index, plain, date))
        else:
            binary[str(Path(label).resolve())] = (label, file_index)
    if binary:
        rdd = spark.sparkContext.binaryFiles(",".join(binary))
        rows = rdd.mapPartitions(lambda part: _analyze_file_partition(part, binary, plain, date))
        frames.append(spark.createDataFrame(rows, output_schema()))
    result = frames[0] if frames else spark.createDataFrame([], output_schema())
    for frame in frames[1:]:
        result = result.unionByName(frame)
    return result


def _jsonl_frame(spark, label: str, file_index: int, plain: bool, date: str | None):
    lines = spark.sparkContext.textFile(str(Path(label).resolve()), use_unicode=False).zipWithIndex()
    rows = lines.mapPartitions(lambda part: _analyze_jsonl_partition(part, label, file_index, plain, date))
    return spark.createDataFrame(rows, output_schema())


def _parquet_frame(spark, label: str, file_index: int, plain: bool, date: str | None):
    rows = spark.read.parquet(label).rdd.map(lambda row: json.dumps(row.asDict(), default=str).encode())
    table = rows.zipWithIndex()
    rows = table.mapPartitions(lambda part: _analyze_jsonl_partition(part, label, file_index, plain, date))
    return spark.createDataFrame(rows, output_schema())


def analyze_to_parquet(spark, inputs: list[str], out: str, plain: bool = False, date: str | None = None) -> int:
    """Analyse the inputs on Spark and write Parquet to ``out``; returns the number of error records."""
    frame = analyze_to_dataframe(spark, inputs, plain, date).cache()
    frame.orderBy("file_index", "record_index").write.mode("overwrite").parquet(out)
    return frame.filter(frame["schema"] == "newsgraph.error/1").count()


def read_records(spark, path: str) -> list[dict[str, Any]]:
    """The contract records of a Parquet output, in input order."""
    rows = spark.read.parquet(path).orderBy("file_index", "record_index").select("record").collect()
    return [json.loads(row.record) for row in rows]
