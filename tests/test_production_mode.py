"""Odoo's production mode in our environment: the gevent server that serves
the websocket beside the HTTP workers (issue 17)."""

import subprocess


def test_gevent_server_can_start(odoo_cmd):
    """`odoo gevent` (the websocket process Odoo starts beside its workers)
    patches the standard library with gevent first thing. gevent 22.10.2,
    Odoo's pin, loads its plugins through pkg_resources, which found no
    zope.interface of the releases whose metadata folder is named
    zope_interface: the process died at start with DistributionNotFound, and
    `./qm load`'s simulated users could not start either."""
    python = odoo_cmd[0]
    result = subprocess.run(
        [
            python,
            "-W",
            "ignore",
            "-c",
            "import gevent.monkey; gevent.monkey.patch_all(); print('patched')",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "patched", result.stderr[-2000:]
