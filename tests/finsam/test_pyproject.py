"""pyproject.toml builds without setuptools' deprecation warning: the licence is an SPDX
expression (a string, setuptools 77 and later), not the deprecated table."""

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())


def test_licence_is_an_spdx_expression():
    assert PYPROJECT["project"]["license"] == "AGPL-3.0-or-later"


def test_build_requires_a_setuptools_that_reads_it():
    krav = {Requirement(r).name: Requirement(r) for r in PYPROJECT["build-system"]["requires"]}
    setuptools = krav["setuptools"].specifier
    assert not setuptools.contains(Version("76.9")) and setuptools.contains(Version("77.0"))
