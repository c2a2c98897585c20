"""Values of numeric and DOC spans (GUIDELINES section 4), in pure Python.

`normalize(label, surface, context)` reads one span's surface into its
value dict, or None where the text cannot be read; it never raises. Where
each kind is read: money.py, percent.py, quantity.py (all on numbers.py),
dates.py, periods.py (with lunar.py), docrefs.py; context.py finds the
reference date that year-less and relative dates resolve against.
"""
from __future__ import annotations

from typing import Callable

from .context import ReferenceDate, ValueContext, reference_from_doc_date, reference_from_text
from .dates import read_date
from .docrefs import read_docref
from .money import read_money
from .percent import read_percent
from .periods import read_period
from .quantity import read_quantity
from .surface import clean

__all__ = [
    "ReferenceDate", "ValueContext", "normalize", "reference_from_doc_date", "reference_from_text",
]

# Longer surfaces are not single values; refusing them keeps every reader's regexes cheap.
MAX_SURFACE = 500

_READERS: dict[str, Callable[[str], dict | None]] = {
    "MONEY": read_money,
    "PERCENT": read_percent,
    "QUANTITY": read_quantity,
    "DOC": read_docref,
}
_DATED_READERS: dict[str, Callable[[str, ValueContext], dict | None]] = {
    "DATE": read_date,
    "PERIOD": read_period,
}


def normalize(label: str, surface: str, context: ValueContext | None = None) -> dict | None:
    """The value of a span labelled `label` with text `surface`; None for other labels or unreadable text."""
    try:
        text = clean(surface)
        if not text or len(text) > MAX_SURFACE:
            return None
        if label in _READERS:
            return _READERS[label](text)
        if label in _DATED_READERS:
            return _DATED_READERS[label](text, context or ValueContext())
    except Exception:  # a value is optional: an unreadable span must never break parsing
        return None
    return None
