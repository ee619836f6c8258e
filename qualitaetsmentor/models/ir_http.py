from odoo import http, models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def _register_hook(self):
        """Read every addon's manifest once, while the registry loads, in
        one thread.

        CPython before 3.11.8 (gh-106905) can fail with "AST constructor
        recursion depth mismatch" when the threads of Odoo's threaded server
        parse manifests at the same moment (the first requests after a
        start: a coordinator's board and its assets). ``http.root.statics``
        parses them all and caches the result for the whole process.
        """
        super()._register_hook()
        # Reading the lazy property is the point.
        http.root.statics  # noqa: B018 pylint: disable=pointless-statement
