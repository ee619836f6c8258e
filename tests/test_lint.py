"""Lint: ruff (checks and format) and pylint-odoo with the OCA's mandatory
checks must be clean."""

import os
import subprocess

from conftest import ROOT


def _run(*cmd):
    return subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, check=False, env=os.environ
    )


def test_ruff_check(python):
    result = _run(python, "-m", "ruff", "check", "--no-fix", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format(python):
    result = _run(python, "-m", "ruff", "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pylint_odoo_mandatory_checks(python, addons):
    result = _run(python, "-m", "pylint", "--rcfile=.pylintrc-mandatory", *addons)
    assert result.returncode == 0, result.stdout + result.stderr
