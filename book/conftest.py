"""pytest settings for the notebooks, so that nbval runs from any folder
(`cd book && pytest --nbval trade.ipynb`): the sanitizer file that pyproject.toml names
(tests/nbval_sanitize.cfg) is looked up from the repository root, not the current folder."""

from pathlib import Path


def pytest_configure(config):
    named = config.option.nbval_sanitize_with
    if named and not Path(named).is_file() and (config.rootpath / named).is_file():
        config.option.nbval_sanitize_with = str(config.rootpath / named)
