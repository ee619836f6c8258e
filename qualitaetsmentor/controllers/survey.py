"""The survey app's printable answer for answers of a tandem (issue 15,
item 9). Odoo prints an answer to whoever brings its token; an answer of a
tandem is printed only to whoever gave it (a logged-in user whose contact is
the answer's) or may read it (its coordinators, by the record rules of
``security/survey_security.xml``). Anyone else gets 404, as if the answer
did not exist."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.survey.controllers.main import Survey


class MentoringSurvey(Survey):
    @http.route()
    def survey_print(self, survey_token, review=False, answer_token=None, **post):
        if answer_token:
            _survey, answer = self._fetch_from_access_token(survey_token, answer_token)
            if answer.mentoring_tandem_id and not self._mentoring_may_print(answer):
                raise NotFound()
        return super().survey_print(
            survey_token, review=review, answer_token=answer_token, **post
        )

    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        """An answer of a tandem that takes no feedback any more (consent
        withdrawn, anonymised: ``mentoring.tandem._feedback_closed``) is
        closed, with Odoo's own page."""
        validity = super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
        if validity is True and answer_token:
            _survey, answer = self._fetch_from_access_token(survey_token, answer_token)
            if (
                answer.mentoring_tandem_id
                and answer.mentoring_tandem_id._feedback_closed()
            ):
                return "survey_closed"
        return validity

    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        """An answer of a tandem is given once, to its invitation: no retry
        (it would create an answer without the tandem, issue 15)."""
        _survey, answer = self._fetch_from_access_token(survey_token, answer_token)
        if answer.mentoring_tandem_id:
            raise NotFound()
        return super().survey_retry(survey_token, answer_token, **post)

    def _mentoring_may_print(self, answer):
        """Whether the request's user may print ``answer`` (in sudo), an
        answer of a tandem: the person who answered, or who may read it.
        A visitor who is not logged in brings the token of the invitation
        sent to her: the token is her key, as in Odoo's own survey, unless
        she has a login (a mentor on the portal), which she then uses."""
        user = request.env.user
        if user._is_public():
            return not answer.partner_id.user_ids
        if answer.partner_id and answer.partner_id == user.partner_id:
            return True
        return bool(answer.with_user(user)._filtered_access("read"))
