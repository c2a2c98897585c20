"""The quickstart notebook runs offline, end to end, with the shipped model."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "quickstart.ipynb"


def test_quickstart_notebook_executes(tmp_path):
    import nbformat
    from nbclient import NotebookClient

    from vngov_nlp import DEFAULT_MODEL

    if not (Path(DEFAULT_MODEL) / "config.json").is_file():
        pytest.fail(f"the default model is missing at {DEFAULT_MODEL}")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any("text/html" in o.get("data", {}) for o in outputs)
