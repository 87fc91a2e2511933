"""The JSON Schema of a data folder, generated from the record types, the same under every msgspec.

Only ``twosessions schema`` (and its test) needs it, so no other command imports this module.
"""

from __future__ import annotations

import inspect
from typing import Any

import msgspec

from twosessions_cli.records import KINDS


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a data folder, generated from the record types in ``records``."""
    kinds = list(KINDS.items())
    schemas, components = msgspec.json.schema_components(
        [list[record_type] for _, record_type in kinds],  # type: ignore[valid-type]
        ref_template="#/$defs/{name}",
    )
    schema: dict[str, Any] = canonical_schema(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "twosessions data folder",
            "description": (
                "Each property is one file of a data folder (bundled, --data DIR or TWOSESSIONS_DATA): "
                "a JSON array of records. Rules the schema cannot express (dates in order, unique ids, "
                "references that resolve) are checked by 'twosessions validate'."
            ),
            "type": "object",
            "properties": {
                f"{kind}.json": schema for (kind, _), schema in zip(kinds, schemas, strict=True)
            },
            "additionalProperties": False,
            "$defs": dict(sorted(components.items())),
        }
    )
    return schema


_NULL_SCHEMA = {"type": "null"}


def canonical_schema(node: Any) -> Any:
    """The same schema whichever msgspec generated it.

    msgspec releases differ where the difference means nothing: 0.23 strips a docstring's
    indentation and earlier releases keep it, and releases before 0.22 list ``null`` first in an
    ``anyOf``. Descriptions are cleaned as ``inspect.cleandoc`` does, and each ``anyOf`` is put in
    one order (the alternatives by their JSON text, ``null`` last), so ``twosessions schema``
    prints the same bytes under every msgspec the project accepts.
    """
    if isinstance(node, list):
        return [canonical_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "description" and isinstance(value, str):
            out[key] = inspect.cleandoc(value)
        elif key == "anyOf" and isinstance(value, list):
            out[key] = sorted(
                (canonical_schema(item) for item in value),
                key=lambda item: (item == _NULL_SCHEMA, json_text(item)),
            )
        else:
            out[key] = canonical_schema(value)
    return out


def json_text(value: Any) -> str:
    """A canonical JSON text of ``value``, for ordering (keys sorted, no spaces)."""
    return msgspec.json.encode(value, order="sorted").decode()
