"""Dataclass arguments whose field help is the CLI help, overridable from a YAML/JSON config.

Like transformers' `run_ner.py`: one dataclass says what a command takes; a
config file sets values; flags given on the command line win over the file.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

T = TypeVar("T")


def arg(default: Any = dataclasses.MISSING, help: str = "", **kw: Any) -> Any:
    return dataclasses.field(default=default, metadata={"help": help, **kw})


def add_dataclass_arguments(parser: argparse.ArgumentParser, cls: type) -> None:
    """One `--flag` per field (underscores become dashes); required fields have no default."""
    hints = get_type_hints(cls)
    for f in dataclasses.fields(cls):
        flag = "--" + f.name.replace("_", "-")
        typ = hints[f.name]
        help_ = f.metadata.get("help", "")
        if typ is bool:
            parser.add_argument(flag, dest=f.name, action=argparse.BooleanOptionalAction, default=None, help=help_)
            continue
        base = next((t for t in getattr(typ, "__args__", (typ,)) if t is not type(None)), str)
        parser.add_argument(flag, dest=f.name, type=base, default=None,
                            help=help_ + ("" if f.default is dataclasses.MISSING else f" (default: {f.default})"))
    parser.add_argument("--config", default=None, help="YAML or JSON file of these arguments; flags win over it")


def read_config(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    if not p.is_file():
        raise SystemExit(f"--config: {p} not found")
    text = p.read_text(encoding="utf-8")
    if p.suffix in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text) or {}
    else:
        data = json.loads(text)
    if not isinstance(data, dict):
        raise SystemExit(f"--config: {p} must hold a mapping of argument names to values")
    return {k.replace("-", "_"): v for k, v in data.items()}


def dataclass_from_namespace(cls: type[T], ns: argparse.Namespace) -> T:
    """Defaults < config file < command-line flags; names a missing required argument."""
    values: dict[str, Any] = {}
    if getattr(ns, "config", None):
        values.update(read_config(ns.config))
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(values) - names
    if unknown:
        raise SystemExit(f"--config: unknown argument(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(names))}")
    for name in names:
        v = getattr(ns, name, None)
        if v is not None:
            values[name] = v
    missing = [f.name for f in dataclasses.fields(cls)
               if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING and f.name not in values]
    if missing:
        raise SystemExit("missing required argument(s): " + ", ".join("--" + m.replace("_", "-") for m in missing))
    return cls(**values)
