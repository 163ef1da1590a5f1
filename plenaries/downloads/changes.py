"""What changed from one version of the download to the next, table by table: the rows added,
changed and removed, each known by its primary key."""

# Not compared: a save that changed nothing else still moves it, and such a row has not changed
# for a reader. A row whose content changed has a new updated_at as well.
NOT_COMPARED = {"updated_at"}


def keyed(rows, key):
    """{primary key: the row's compared content} of `rows`."""
    return {
        tuple(row.get(column) for column in key): {
            column: value for column, value in row.items() if column not in NOT_COMPARED
        }
        for row in rows
    }


def compare(before, after, keys):
    """{table: {"added", "changed", "removed": [ids]}} for each table with a change from
    `before` to `after` (both {table: [rows]}, as the JSON file has them), `keys` giving each
    table's primary key; an id of a composite key is a list. A table only one of them has is
    wholly added or removed."""
    changes = {}
    for table in [*after, *(table for table in before if table not in after)]:
        old_rows, new_rows = before.get(table, []), after.get(table, [])
        key = keys.get(table) or sorted({column for row in old_rows for column in row})
        old, new = keyed(old_rows, key), keyed(new_rows, key)
        found = {
            "added": [id for id in new if id not in old],
            "changed": [id for id in new if id in old and new[id] != old[id]],
            "removed": [id for id in old if id not in new],
        }
        found = {
            kind: [id[0] if len(id) == 1 else list(id) for id in ids]
            for kind, ids in found.items()
            if ids
        }
        if found:
            changes[table] = found
    return changes
