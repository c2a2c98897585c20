"""Score a model: `python training/evaluate.py ...` is `vngov-nlp evaluate ...`."""
import sys

from vngov_nlp.cli import main

if __name__ == "__main__":
    sys.exit(main(["evaluate", *sys.argv[1:]]))
