"""pytest runs model tests (TransactionCase); browser tours (HttpCase) run in
Odoo's own runner, so pytest leaves them out rather than skipping them."""


def pytest_collection_modifyitems(config, items):
    try:
        from odoo.tests.common import HttpCase
    except ImportError:
        return
    browser_tests = [
        item
        for item in items
        if isinstance(getattr(item, "cls", None), type)
        and issubclass(item.cls, HttpCase)
    ]
    if browser_tests:
        config.hook.pytest_deselected(items=browser_tests)
        items[:] = [item for item in items if item not in browser_tests]
