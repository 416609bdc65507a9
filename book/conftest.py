"""pytest settings for the notebooks, so that nbval runs from any folder
(`cd book && pytest --nbval trade.ipynb`): the sanitizer file that pyproject.toml names
(tests/nbval_sanitize.cfg) is looked up from the repository root, not the current folder.

nbval's kernels are warm kernels (tools/warm_kernels.py: forked from a server that has
imported what every kernel imports; each notebook still runs in a fresh kernel of its own),
which takes about a second off each notebook; NBVAL_COLD_KERNELS=1 starts them from scratch.
Each kernel is given its notebook's inputs digest, as the runner gives it (tools/run_notebooks.py
`inputs_key`): a figure whose record was made under the same digest is not drawn again."""

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_keyed: dict[str, Path] = {}  # the notebook whose digest is in the environment


def pytest_configure(config):
    named = config.option.nbval_sanitize_with
    if named and not Path(named).is_file() and (config.rootpath / named).is_file():
        config.option.nbval_sanitize_with = str(config.rootpath / named)
    if getattr(config.option, "nbval", False) and os.environ.get("NBVAL_COLD_KERNELS") != "1":
        import nbval.kernel

        sys.path.insert(0, str(ROOT / "tools"))
        import warm_kernels

        nbval.kernel.KernelManager = warm_kernels.shared_manager(nbval.kernel.KernelManager)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before nbval starts a notebook's kernel (at the setup of its first cell), the inputs
    digest of that notebook goes into the environment the kernel inherits (none for a
    notebook outside this project or one the runner cannot key: its figures are drawn)."""
    path = Path(str(item.path)).resolve()
    if path.suffix != ".ipynb" or _keyed.get("path") == path:
        return
    from analysis.io import inputs

    _keyed["path"] = path
    os.environ.pop(inputs.INPUTS_ENV, None)
    sys.path.insert(0, str(ROOT / "tools"))
    import run_notebooks

    try:
        rel = str(path.relative_to(ROOT))
        key = run_notebooks.stored_inputs_key(ROOT, rel)
    except (ValueError, run_notebooks.RunnerError, run_notebooks.AnalysisError):
        return
    os.environ[inputs.INPUTS_ENV] = key
