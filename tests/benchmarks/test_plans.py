"""The benchmark's full-scan check (`explain`): a table read row by row is one, the scan
of a statement's own subquery, or of a VALUES list, is not."""

from __future__ import annotations

import sqlite3

from tests.benchmarks.queries import explain


def test_only_tables_read_in_full_count_as_scans() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE history (id INTEGER PRIMARY KEY, user_id INTEGER, at TEXT)")
    conn.execute("CREATE INDEX history_by_user ON history (user_id, at)")
    newest = "SELECT * FROM (SELECT id FROM history h WHERE user_id = {} ORDER BY at LIMIT 3)"
    tails = f"{newest.format(1)} AS t0 UNION ALL {newest.format(2)} AS t1"

    assert explain(conn, tails)["full_scans"] == []
    assert explain(conn, "SELECT * FROM (VALUES (1), (2))")["full_scans"] == []
    assert explain(conn, "SELECT id FROM history h WHERE at = 'x'")["full_scans"] == ["history"]
    materialized = "SELECT * FROM (SELECT DISTINCT at FROM history) AS days"
    assert explain(conn, materialized)["full_scans"] == ["history"]
