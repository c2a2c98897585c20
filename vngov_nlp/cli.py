"""`vngov-nlp`: a thin command line over the library. Each command parses its
arguments and calls one library function that the tests call too."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .schema import LABELS


def _label_set(value: str | None) -> tuple[str, ...] | None:
    """`--labels`: default the ten labels; `any` accepts any; else a file with one label a line."""
    if value is None:
        return LABELS
    if value == "any":
        return None
    path = Path(value)
    if not path.is_file():
        raise SystemExit(f"--labels: expected 'any' or a file with one label a line, got {value!r}")
    return tuple(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def _add_labels_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--labels", default=None, metavar="any|FILE",
                   help="label set: the ten of LABELS.md by default; 'any' accepts another project's labels; "
                        "or a file with one label a line")


def _cmd_validate(args: argparse.Namespace) -> int:
    from .data import load_documents
    from .schema import validate_document

    docs = load_documents(args.path, corpus=args.corpus)
    problems = [p for d in docs for p in validate_document(d, _label_set(args.labels))]
    for p in problems:
        print(p)
    n_spans = sum(len(d.spans) for d in docs)
    print(f"{len(docs)} documents, {n_spans} spans, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from .formats import convert

    n = convert(args.input, args.output, args.src, args.dst, labels=_label_set(args.labels),
                words=args.words, tag_column=args.tag_column)
    print(f"converted {n} documents: {args.input} ({args.src}) -> {args.output} ({args.dst})", file=sys.stderr)
    return 0


def _cmd_segcheck(args: argparse.Namespace) -> int:
    from .data import load_documents
    from .text.alignment_report import unexpressible_spans

    docs = load_documents(args.path, corpus=args.corpus)
    report = unexpressible_spans(docs, args.segmenter)
    for line in report.lines():
        print(line)
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    from .args import dataclass_from_namespace
    from .finetune import TrainArgs, train

    targs = dataclass_from_namespace(TrainArgs, args)
    metrics = train(targs)
    dev = metrics.get("dev", {}).get("micro")
    print(f"saved {targs.out}" + (f" (dev micro-F1 {dev['f1']:.4f})" if dev else ""), file=sys.stderr)
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .args import dataclass_from_namespace
    from .evaluation import EvalArgs, run

    run(dataclass_from_namespace(EvalArgs, args))
    return 0


def _cmd_tune(args: argparse.Namespace) -> int:
    from .args import dataclass_from_namespace
    from .tune import TuneArgs, run

    run(dataclass_from_namespace(TuneArgs, args))
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from . import DEFAULT_MODEL
    from .batch import format_output, parse_documents, read_inputs
    from .formats.errors import atomic_output
    from .tagging.parser import Parser

    if args.doc_date is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(args.doc_date)
        except ValueError:
            raise SystemExit(f"--doc-date: expected YYYY-MM-DD, got {args.doc_date!r}")
    inputs = read_inputs(args.input)
    parser = Parser.load(args.model or DEFAULT_MODEL)
    docs = list(parse_documents(parser, inputs, args.doc_date, args.batch_size))
    text = format_output(docs, args.format)
    if args.out:
        with atomic_output(args.out) as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    print(f"{len(docs)} documents, {sum(len(d.spans) for d in docs)} spans", file=sys.stderr)
    return 0


def _cmd_render(args: argparse.Namespace) -> int:
    from .data import load_documents
    from .formats.errors import atomic_output
    from .render import render_html

    docs = load_documents(args.path, corpus=args.corpus)
    with atomic_output(args.out) as fh:
        fh.write(render_html(docs, title=str(args.path)))
    print(f"rendered {len(docs)} documents to {args.out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    from .args import add_dataclass_arguments
    from .evaluation import EvalArgs
    from .finetune import TrainArgs
    from .formats import FORMATS
    from .tune import TuneArgs

    parser = argparse.ArgumentParser(prog="vngov-nlp", description="Typed spans from Vietnamese government bulletins.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check canonical annotations against the label contract")
    p.add_argument("path", help="a canonical JSONL file or a folder of them (standoff records are joined with the corpus)")
    p.add_argument("--corpus", default=None, help="corpus folder for standoff records (default: $VNGOV_CORPUS or ../shared/corpus)")
    _add_labels_option(p)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("convert", help="convert annotations between formats")
    p.add_argument("--from", dest="src", required=True, choices=sorted(FORMATS))
    p.add_argument("--to", dest="dst", required=True, choices=sorted(FORMATS))
    p.add_argument("input", help="input file (a folder for brat)")
    p.add_argument("output", help="output file (a folder for brat)")
    p.add_argument("--words", action="store_true", help="conll: write one segmented word a line (syllables joined by '_')")
    p.add_argument("--tag-column", type=int, default=None, metavar="N",
                   help="conll input: 0-based column of the IOB tag in tab-separated multi-column files (default: last)")
    _add_labels_option(p)
    p.set_defaults(func=_cmd_convert)

    p = sub.add_parser("segcheck", help="count gold spans whose edges fall inside a segmented word")
    p.add_argument("path")
    p.add_argument("--segmenter", default="underthesea")
    p.add_argument("--corpus", default=None)
    p.set_defaults(func=_cmd_segcheck)

    from .batch import OUTPUT_FORMATS

    p = sub.add_parser("parse", help="typed spans of text files (a file, a folder of .txt, or - for stdin)")
    p.add_argument("input", nargs="?", default="-", help="a .txt file, a folder of .txt files, or - (default)")
    p.add_argument("--format", default="jsonl", choices=OUTPUT_FORMATS,
                   help="jsonl/csv/tsv: one record per span; html: a rendered page; labelstudio: tasks with predictions")
    p.add_argument("--out", default=None, help="output file (default: standard output)")
    p.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    p.add_argument("--doc-date", default=None, help="YYYY-MM-DD: the year for dates written without one")
    p.add_argument("--batch-size", type=int, default=32, help="sentences per forward pass")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("render", help="HTML view of an annotation file (canonical JSONL, standoff joined)")
    p.add_argument("path")
    p.add_argument("--out", required=True, help="the HTML file to write")
    p.add_argument("--corpus", default=None)
    p.set_defaults(func=_cmd_render)

    p = sub.add_parser("train", help="fine-tune an encoder (PhoBERT or any) on canonical annotations")
    add_dataclass_arguments(p, TrainArgs)
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("evaluate", help="score a model's parse output: seqeval report and value exact-match")
    add_dataclass_arguments(p, EvalArgs)
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("tune", help="choose on dev how the rule labeller's spans join the model's; stored with the model")
    add_dataclass_arguments(p, TuneArgs)
    p.set_defaults(func=_cmd_tune)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .formats.errors import FormatError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FormatError, FileNotFoundError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
