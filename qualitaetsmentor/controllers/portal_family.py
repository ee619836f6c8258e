"""``/my/tandems`` for families (issue 15, item 10): the guardian of a minor
mentee, or an adult mentee, reads her own running tandems where the
programme lets families take part, and asks for a talk. As for mentors,
each page reads in sudo, filtered to the tandems of the user's own contact
(``mentoring.tandem._portal_family_tandems``), and renders only the values
of ``_portal_family_values``. A person who mentors and is a family member
too sees both kinds, each with its own rights: reporting a meeting stays the
mentor's (``/report`` answers 404 for a family's tandem)."""

from odoo import http
from odoo.http import request

from .portal import MentoringPortal


class MentoringFamilyPortal(MentoringPortal):
    def _mentoring_family_tandems(self):
        return request.env["mentoring.tandem"]._portal_family_tandems(
            request.env.user.partner_id
        )

    def _mentoring_family_tandem(self, tandem_id):
        """The user's own running tandem of this id as a family, or 404."""
        return self._mentoring_own(self._mentoring_family_tandems(), tandem_id)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "mentoring_tandem_count" in counters:
            values["mentoring_tandem_count"] += len(self._mentoring_family_tandems())
        return values

    @http.route()
    def home(self, **kw):
        """The home tile of the tandems says what this user does there: a
        mentor reports meetings, a family reads her tandem, both ask for a
        talk."""
        response = super().home(**kw)
        if getattr(response, "qcontext", None) is not None:
            response.qcontext.update(
                mentoring_portal_mentor=bool(self._mentoring_tandems()),
                mentoring_portal_family=bool(self._mentoring_family_tandems()),
            )
        return response

    def _mentoring_page(self, template, tandems, **values):
        if template == "qualitaetsmentor.portal_my_tandems":
            mentored = set(tandems.ids)
            values["family_tandems"] = [
                tandem._portal_family_values()
                for tandem in self._mentoring_family_tandems()
                if tandem.id not in mentored
            ]
        return super()._mentoring_page(template, tandems, **values)

    @http.route()
    def portal_my_tandem(self, tandem_id, **kw):
        if tandem_id in self._mentoring_tandems().ids:
            return super().portal_my_tandem(tandem_id, **kw)
        tandem = self._mentoring_family_tandem(tandem_id)
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="mentoring_tandem",
            tandem=tandem._portal_family_values(),
            asked=kw.get("asked"),
        )
        return request.render("qualitaetsmentor.portal_my_family_tandem", values)

    @http.route(
        "/my/tandems/<int:tandem_id>/talk",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_my_tandem_talk(self, tandem_id, **post):
        """The family asks for a talk with the coordinator."""
        tandem = self._mentoring_family_tandem(tandem_id)
        tandem._portal_family_ask_talk(request.env.user)
        return request.redirect(f"/my/tandems/{tandem.id}?asked=1")
