"""Project-level checks. `./qm test` runs them with QM_ODOO_CMD set to the
command that starts Odoo 18 against the suite's own PostgreSQL."""

import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def odoo_cmd():
    if "QM_ODOO_CMD" not in os.environ:
        pytest.fail("Run the project checks through `./qm test`: it starts Odoo 18.")
    return json.loads(os.environ["QM_ODOO_CMD"])


@pytest.fixture(scope="session")
def addons():
    return sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


@pytest.fixture(scope="session")
def python():
    return sys.executable
