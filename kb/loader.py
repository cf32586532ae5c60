"""Read the knowledge base from kb/data: one cached public loader over a loader that takes a folder."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kb.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from pydantic import ValidationError

    from kb.schema import KnowledgeBase

__all__ = [
    "DATA_DIR",
    "DATA_FILES",
    "canonical_json",
    "load_knowledge_base",
    "raw_data",
    "read_knowledge_base",
]

DATA_DIR = Path(__file__).parent / "data"
# Field of KnowledgeBase -> file in kb/data, and the key its entries are sorted by (None: a mapping).
DATA_FILES: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "nodes": ("nodes.json", ("id",)),
    "edges": ("edges.json", ("source", "target")),
    "variants": ("variants.json", ("id",)),
    "genes": ("genes.json", ("symbol",)),
    "references": ("references.json", ("id",)),
    "tours": ("tours.json", None),
    "limits": ("limits.json", None),
    "layout": ("layout.json", None),
    "dynamics": ("dynamics.json", None),
}


def canonical_json(value: object) -> str:
    """The one format every data file is kept in: sorted keys, two-space indent, UTF-8, final newline."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def raw_data(file_name: str) -> Any:
    """A file of kb/data as plain JSON, not validated: for the matcher, which must start reading a
    person's file before the schema is built. `python -m kb validate` and the tests validate the same files."""
    return json.loads((DATA_DIR / file_name).read_text(encoding="utf-8"))


def read_knowledge_base(folder: Path) -> KnowledgeBase:
    """Read and validate the knowledge base held in `folder`."""
    # The schema (pydantic) is imported here, not at module level, so that modules needing only
    # DATA_DIR or canonical_json start fast.
    from pydantic import ValidationError

    from kb.schema import KnowledgeBase

    raw: dict[str, object] = {}
    for field, (filename, _) in DATA_FILES.items():
        path = folder / filename
        try:
            raw[field] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise KnowledgeBaseError(f"{path}: missing; every knowledge-base file must exist") from error
        except json.JSONDecodeError as error:
            raise KnowledgeBaseError(f"{path}: not valid JSON ({error})") from error
    try:
        return KnowledgeBase.model_validate(raw)
    except ValidationError as error:
        raise KnowledgeBaseError(_describe(error, raw)) from error


@functools.cache
def load_knowledge_base() -> KnowledgeBase:
    """The project's knowledge base, read once per process."""
    return read_knowledge_base(DATA_DIR)


def _describe(error: ValidationError, raw: dict[str, object]) -> str:
    """Turn pydantic's errors into lines that name the file, the entry and what to fix."""
    lines = []
    for item in error.errors():
        field, *rest = item["loc"]
        filename = DATA_FILES.get(str(field), (str(field), None))[0]
        entry = ""
        entries = raw.get(str(field))
        if rest and isinstance(rest[0], int) and isinstance(entries, list) and rest[0] < len(entries):
            found = entries[rest[0]]
            if isinstance(found, dict):
                entry = " " + str(
                    found.get("id") or found.get("symbol") or f"{found.get('source')}->{found.get('target')}"
                )
        where = ".".join(str(part) for part in rest)
        lines.append(f"kb/data/{filename}{entry} [{where}]: {item['msg']}")
    return "\n".join(lines)
