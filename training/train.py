"""Fine-tune an encoder on canonical annotations: `python training/train.py ...` is `vngov-nlp train ...`."""
import sys

from vngov_nlp.cli import main

if __name__ == "__main__":
    sys.exit(main(["train", *sys.argv[1:]]))
