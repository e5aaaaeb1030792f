"""An nbval failure (committed outputs differ from a fresh run) ends with the hint to run `analysis reproduce`."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat

TESTS = Path(__file__).resolve().parent


def _run_nbval(notebook: Path) -> subprocess.CompletedProcess:
    # tests/conftest.py loaded as a plugin, as `make test` loads it for notebooks/.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "conftest", "--nbval",
                           "--nbval-current-env", "-o", "addopts=", "--rootdir", str(notebook.parent),
                           str(notebook)], capture_output=True, text=True, cwd=notebook.parent, env=env)


def _notebook(path: Path, printed: str) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("print(1 + 1)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)]
    cell.execution_count = 1
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_a_stale_notebook_gets_the_hint(tmp_path):
    result = _run_nbval(_notebook(tmp_path / "stale.ipynb", "3\n"))  # committed output from other inputs
    assert result.returncode == 1
    assert "notebook outputs differ from a fresh run: if you changed data/ or src/, run `analysis reproduce`" \
        in result.stdout
    assert "stale.ipynb" in result.stdout.split("hint")[-1]


def test_a_current_notebook_gets_no_hint(tmp_path):
    result = _run_nbval(_notebook(tmp_path / "current.ipynb", "2\n"))
    assert result.returncode == 0, result.stdout
    assert "analysis reproduce" not in result.stdout
