"""An HTML view of spans, in the spirit of displaCy: coloured, labelled marks and a legend."""
from __future__ import annotations

import html
from typing import Sequence

from .schema import Document

COLORS = {
    "PER": "#f9c5d1", "TITLE": "#fde2a7", "ORG": "#b9d7f9", "LOC": "#c3efc9", "DOC": "#e0cffa",
    "DATE": "#ffd3b0", "PERIOD": "#f6e8b1", "MONEY": "#b6efe6", "PERCENT": "#d9f2b4", "QUANTITY": "#e3e3e3",
}
_FALLBACK = ["#f4b6c2", "#c9e4de", "#dbcdf0", "#faedcb", "#c6def1", "#f2c6de", "#f7d9c4"]

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; line-height: 2.1; color: #222 }
h2 { font-size: 1.05em; border-bottom: 1px solid #ddd; margin-top: 2em }
mark { padding: 0.15em 0.35em; border-radius: 0.35em; }
mark .lab { font-size: 0.62em; font-weight: 700; margin-left: 0.4em; vertical-align: middle; text-transform: uppercase }
.legend mark { margin-right: 0.4em }
.doc { white-space: pre-wrap }
"""


def _color(label: str, labels: list[str]) -> str:
    return COLORS.get(label) or _FALLBACK[labels.index(label) % len(_FALLBACK)]


def render_document(doc: Document, labels: list[str]) -> str:
    out, pos = [], 0
    for s in sorted(doc.spans, key=lambda s: s.start):
        if s.start < pos:
            continue
        out.append(html.escape(doc.text[pos:s.start]))
        title = f' title="{html.escape(str(s.value))}"' if s.value else ""
        out.append(f'<mark style="background:{_color(s.label, labels)}"{title}>{html.escape(doc.text[s.start:s.end])}'
                   f'<span class="lab">{html.escape(s.label)}</span></mark>')
        pos = s.end
    out.append(html.escape(doc.text[pos:]))
    return f'<h2>{html.escape(doc.id)}</h2>\n<div class="doc">{"".join(out)}</div>'


def render_html(docs: Sequence[Document], title: str = "vngov_nlp") -> str:
    """One page for all documents, with a legend of the labels present."""
    labels = sorted({s.label for d in docs for s in d.spans}, key=lambda x: (x not in COLORS, list(COLORS).index(x) if x in COLORS else 0, x))
    legend = " ".join(f'<mark style="background:{_color(lab, labels)}">{html.escape(lab)}</mark>' for lab in labels)
    body = "\n".join(render_document(d, labels) for d in docs)
    return (f"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{_STYLE}</style></head><body>\n<div class=\"legend\">{legend}</div>\n{body}\n</body></html>\n")
