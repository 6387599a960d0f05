"""Checks that an open-data file holds what its schema promises: a Table Schema for CSV, a JSON Schema for JSON.

Small on purpose: they check what the portal's schemas use (column names and order, required values,
types and formats; JSON Schema's type, required, properties, additionalProperties, items and enum).
"""

import csv
import datetime
import io
import uuid
from urllib.parse import urlparse

TABLE_TYPES = {
    "string": lambda value: value,
    "integer": int,
    "number": float,
    "date": datetime.date.fromisoformat,
    "datetime": datetime.datetime.fromisoformat,
    "boolean": lambda value: ["false", "true"].index(value.lower()),  # Table Schema's default true and false values
}


def _uri(value: str) -> None:
    assert urlparse(value).scheme in ("http", "https"), f"{value!r} is not a web address"


FORMATS = {
    "uuid": uuid.UUID,
    "uri": _uri,
    "date": datetime.date.fromisoformat,
    "date-time": datetime.datetime.fromisoformat,
}


def csv_rows_matching_table_schema(content: str, schema: dict) -> list[dict]:
    """The rows of a CSV, after checking its header and every value against the Table Schema."""
    reader = csv.reader(io.StringIO(content))
    header = next(reader)
    fields = schema["fields"]
    assert header == [field["name"] for field in fields]
    rows = []
    for number, row in enumerate(reader, start=2):
        assert len(row) == len(fields), f"row {number} has {len(row)} cells"
        for value, field in zip(row, fields, strict=True):
            if value in schema.get("missingValues", [""]):
                assert not field["constraints"]["required"], f"row {number}: {field['name']} is required"
                continue
            TABLE_TYPES[field["type"]](value)
            if field["format"] in FORMATS:
                FORMATS[field["format"]](value)
        rows.append(dict(zip(header, row, strict=True)))
    return rows


JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def _is(value, kind: str) -> bool:
    if isinstance(value, bool) and kind in ("integer", "number"):
        return False
    return isinstance(value, JSON_TYPES[kind])


def json_matching_schema(value, schema: dict, path: str = "$") -> None:
    """Raise AssertionError where `value` breaks `schema`."""
    kinds = schema.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        assert any(_is(value, kind) for kind in kinds), f"{path}: {value!r} is not {kinds}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, str) and schema.get("format") in FORMATS:
        FORMATS[schema["format"]](value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert value >= schema.get("minimum", value), f"{path}: below the minimum"
        assert value <= schema.get("maximum", value), f"{path}: above the maximum"
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        missing = set(schema.get("required", [])) - set(value)
        assert not missing, f"{path}: {sorted(missing)} missing"
        if schema.get("additionalProperties") is False:
            extra = set(value) - set(properties)
            assert not extra, f"{path}: {sorted(extra)} not in the schema"
        for name, item in value.items():
            if name in properties:
                json_matching_schema(item, properties[name], f"{path}.{name}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            json_matching_schema(item, schema["items"], f"{path}[{index}]")
