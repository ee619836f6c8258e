"""``/my/tandems``: mentors read their running tandems and report meetings
(issue 15). Portal users have no access rights on the mentoring models: each
page reads in sudo, strictly filtered to the tandems of the user's own
contact (``mentoring.tandem._portal_tandems``), and renders only the values
of ``_portal_values``. Any other id is answered with 404, as if it did not
exist."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MentoringPortal(CustomerPortal):
    def _mentoring_tandems(self):
        return request.env["mentoring.tandem"]._portal_tandems(
            request.env.user.partner_id
        )

    def _mentoring_tandem(self, tandem_id):
        """The user's own running tandem of this id, or 404."""
        return self._mentoring_own(self._mentoring_tandems(), tandem_id)

    @staticmethod
    def _mentoring_own(tandems, tandem_id):
        """The tandem of this id among the user's ``tandems``, or 404 (never
        a page of someone else's tandem)."""
        tandem = tandems.filtered(lambda t: t.id == tandem_id)
        if not tandem:
            raise NotFound()
        return tandem

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mentoring_tandem_count" in counters:
            values["mentoring_tandem_count"] = len(self._mentoring_tandems())
        return values

    def _mentoring_page(self, template, tandems, **values):
        reports = tandems._portal_reports(request.env.user)
        values.update(
            self._prepare_portal_layout_values(),
            tandems=[tandem._portal_values(reports) for tandem in tandems],
        )
        return request.render(template, values)

    @http.route("/my/tandems", type="http", auth="user", website=True)
    def portal_my_tandems(self, **kw):
        return self._mentoring_page(
            "qualitaetsmentor.portal_my_tandems",
            self._mentoring_tandems(),
            page_name="mentoring_tandems",
        )

    @http.route("/my/tandems/<int:tandem_id>", type="http", auth="user", website=True)
    def portal_my_tandem(self, tandem_id, **kw):
        return self._mentoring_page(
            "qualitaetsmentor.portal_my_tandem",
            self._mentoring_tandem(tandem_id),
            page_name="mentoring_tandem",
            saved=kw.get("saved"),
        )

    @http.route(
        "/my/tandems/<int:tandem_id>/report",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_my_tandem_report(self, tandem_id, **post):
        tandem = self._mentoring_tandem(tandem_id)
        errors = []
        if request.httprequest.method == "POST":
            try:
                # All or nothing: the key moment and the coordinator's activity.
                with request.env.cr.savepoint():
                    tandem._portal_report_meeting(request.env.user, post)
            except ValidationError as error:
                errors = str(error.args[0]).split("\n")
            else:
                return request.redirect(f"/my/tandems/{tandem.id}?saved=1")
        today = tandem.company_id._mentoring_today()
        return self._mentoring_page(
            "qualitaetsmentor.portal_my_tandem_report",
            tandem,
            page_name="mentoring_report",
            errors=errors,
            form=post,
            today=today.isoformat(),
            min_date=tandem.date_matched and tandem.date_matched.isoformat(),
        )
