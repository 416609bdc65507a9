"""Every dependency is pinned in one place; environment.yml and constraints.txt agree with it."""

import re
import tomllib

from conftest import ROOT


def pins_of_pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = {}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition("==")
        assert version, f"pyproject.toml: {requirement!r} is not pinned with =="
        pins[name.lower()] = version
    return pins


def test_environment_yml_mirrors_pyproject_pins():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    mirrored = dict(re.findall(r"^\s+- ([A-Za-z0-9_.\-]+)==(\S+)$", text, flags=re.M))
    assert {k.lower(): v for k, v in mirrored.items()} == pins_of_pyproject()


def test_constraints_lock_the_same_versions():
    locked = dict(line.lower().split("==") for line in
                  (ROOT / "constraints.txt").read_text(encoding="utf-8").split()
                  if "==" in line)
    for name, version in pins_of_pyproject().items():
        assert locked.get(name) == version, name
