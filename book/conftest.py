"""pytest settings for the notebooks, so that nbval runs from any folder
(`cd book && pytest --nbval trade.ipynb`): the sanitizer file that pyproject.toml names
(tests/nbval_sanitize.cfg) is looked up from the repository root, not the current folder.

nbval's kernels are warm kernels (tools/warm_kernels.py: forked from a server that has
imported what every kernel imports; each notebook still runs in a fresh kernel of its own),
which takes about a second off each notebook; NBVAL_COLD_KERNELS=1 starts them from scratch."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pytest_configure(config):
    named = config.option.nbval_sanitize_with
    if named and not Path(named).is_file() and (config.rootpath / named).is_file():
        config.option.nbval_sanitize_with = str(config.rootpath / named)
    if getattr(config.option, "nbval", False) and os.environ.get("NBVAL_COLD_KERNELS") != "1":
        import nbval.kernel

        sys.path.insert(0, str(ROOT / "tools"))
        import warm_kernels

        nbval.kernel.KernelManager = warm_kernels.shared_manager(nbval.kernel.KernelManager)
