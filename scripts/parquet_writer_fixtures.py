"""Parquet files written by pyarrow (not DuckDB), for tests/data/parquet_direct_test.ts.

The direct Parquet load (src/data/parquet_direct.ts) must read files from other
writers exactly as the engine does. This script writes small interaction tables
with pyarrow's layouts: data pages v1 and v2, dictionary and PLAIN pages (a tiny
dictionary page limit forces the fallback to PLAIN), Snappy and uncompressed,
nulls, several row groups, and timestamps in ms / us / ns; and one file whose item
ids have no dictionary at all. The test loads each file both ways and compares
every value; no expected values are stored here.

Run: python3 scripts/parquet_writer_fixtures.py  (needs pyarrow)
"""
import os
import pyarrow as pa
import pyarrow.parquet as pq

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "parquet_writers")
N = 3000


def table(unit):
    users, items, ts, rating, read = [], [], [], [], []
    for i in range(N):
        users.append(None if i % 211 == 0 else f"user-{(i * 7919) % 53}{'é' if i % 5 == 0 else ''}")
        items.append(None if i % 199 == 0 else f"book-{(i * 104729) % 97}")
        base = 1483228800_000_000 + (i * 7368787) % 900_000_000_000  # microseconds
        ts.append(None if i % 191 == 0 else base)
        rating.append(None if i % 13 == 0 else (i % 9) - 2)
        read.append(None if i % 17 == 0 else i % 2 == 0)
    scale = {"ms": 1 / 1000, "us": 1, "ns": 1000}[unit]
    ts_arr = pa.array([None if t is None else int(t * scale) for t in ts], type=pa.timestamp(unit, tz="UTC"))
    return pa.table({
        "user_id": pa.array(users, type=pa.string()),
        "item_id": pa.array(items, type=pa.string()),
        "timestamp": ts_arr,
        "rating": pa.array(rating, type=pa.int8()),
        "is_read": pa.array(read, type=pa.bool_()),
    })


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [
        ("v1_snappy_us", "us", dict(data_page_version="1.0", compression="snappy")),
        ("v2_snappy_ms", "ms", dict(data_page_version="2.0", compression="snappy")),
        ("v2_plain_ns", "ns", dict(data_page_version="2.0", compression="none",
                                   dictionary_pagesize_limit=64)),
        ("v1_plain_fallback", "us", dict(data_page_version="1.0", compression="snappy",
                                         dictionary_pagesize_limit=256, data_page_size=2048)),
        # item ids without a dictionary: the direct load declines such files (mostly PLAIN ids)
        ("v1_item_plain", "us", dict(data_page_version="1.0", compression="snappy",
                                     use_dictionary=["user_id", "timestamp", "rating"])),
    ]
    for name, unit, opts in cases:
        pq.write_table(table(unit), os.path.join(OUT, f"{name}.parquet"), row_group_size=1100,
                       coerce_timestamps=None, allow_truncated_timestamps=False, **opts)


if __name__ == "__main__":
    main()
