"""pytest runs model tests (TransactionCase); browser tours (HttpCase) run in
Odoo's own runner, so pytest leaves them out rather than skipping them."""

try:
    import odoo
except ImportError:  # the project checks run without Odoo on the path
    odoo = None
else:
    # Odoo logs an error when its test framework is imported outside test
    # mode; pytest-odoo imports it before it switches test mode on.
    odoo.tools.config["test_enable"] = True
    import odoo.tests  # noqa: F401

    odoo.tools.config["test_enable"] = False


def pytest_collection_modifyitems(config, items):
    if odoo is None:
        return
    from odoo.tests.common import HttpCase

    browser_tests = [
        item
        for item in items
        if isinstance(getattr(item, "cls", None), type)
        and issubclass(item.cls, HttpCase)
    ]
    if browser_tests:
        config.hook.pytest_deselected(items=browser_tests)
        items[:] = [item for item in items if item not in browser_tests]
