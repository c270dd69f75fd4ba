"""The code stays ruff-clean; CI runs this with the rest of the suite."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import REPO


def test_ruff_is_clean() -> None:
    ruff = shutil.which("ruff") or str(__import__("pathlib").Path(sys.executable).parent / "ruff")
    folders = [name for name in ("src", "tests", "bench") if (REPO / name).is_dir()]
    result = subprocess.run([ruff, "check", *folders], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    mypy = shutil.which("mypy") or str(__import__("pathlib").Path(sys.executable).parent / "mypy")
    result = subprocess.run([mypy], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_from_a_layer_above_its_own() -> None:
    """import-linter's contracts in pyproject.toml: cli > render > importer > repo > core, the
    quick path's option parser never imports typer, click or pydantic, and the core never imports
    typer or rich."""
    linter = shutil.which("lint-imports") or str(
        __import__("pathlib").Path(sys.executable).parent / "lint-imports")
    result = subprocess.run([linter, "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # The contracts themselves, by name: "0 broken" alone also holds when a contract is deleted.
    for contract in CONTRACTS:
        assert f"{contract} KEPT" in result.stdout, result.stdout[-4000:]
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in result.stdout


CONTRACTS = ("layers: cli > render > importer > repo > i18n > core",
             "the core never imports typer or rich",
             "the options the quick path parses are read without typer, click or pydantic")


def test_the_layers_contract_lists_every_layer_in_order() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and newer

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}
    assert set(contracts) == set(CONTRACTS)
    layers = contracts[CONTRACTS[0]]
    assert layers["type"] == "layers"
    assert layers["layers"] == ["plandiff.cli", "plandiff.render", "plandiff.importer",
                                "plandiff.repo", "plandiff.i18n", "plandiff.core"]
    forbidden = contracts[CONTRACTS[1]]
    assert forbidden["source_modules"] == ["plandiff.core"]
    assert set(forbidden["forbidden_modules"]) >= {"typer", "rich"}
    options = contracts[CONTRACTS[2]]
    assert options["source_modules"] == ["plandiff.cli.options"]
    assert set(options["forbidden_modules"]) >= {"typer", "click", "pydantic", "pydantic_core"}


def test_every_package_is_in_the_layers_contract() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    layers = next(c["layers"] for c in config["tool"]["importlinter"]["contracts"]
                  if c["type"] == "layers")
    packages = sorted(f"plandiff.{p.name}" for p in (REPO / "src" / "plandiff").iterdir()
                      if (p / "__init__.py").is_file())
    assert sorted(layers) == packages
