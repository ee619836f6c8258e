from odoo import models
from odoo.exceptions import UserError


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def action_grant_access(self):
        """Odoo's portal invitation (also from Contacts) asks what the
        mentor's and the mentee's "Portal Access" buttons ask, for a contact
        of the mentoring programmes: a withdrawn consent, a family without a
        running tandem or a programme without families get no access
        (issue 15, items 1 and 10)."""
        self._mentoring_check_grant()
        return super().action_grant_access()

    def action_invite_again(self):
        self._mentoring_check_grant()
        return super().action_invite_again()

    def _mentoring_check_grant(self):
        """Refuse the access unless one of the contact's roles in the
        programmes allows it; contacts without such a role are Odoo's
        business.

        :raise UserError: the first reason a role refuses, when none allows
        """
        env = self.env
        for wizard_user in self:
            partner = wizard_user.partner_id
            mentors = (
                env["mentoring.mentor"]
                .sudo()
                .with_context(active_test=False)
                .search([("partner_id", "=", partner.id)])
            )
            mentees = (
                env["mentoring.mentee"]
                .sudo()
                .with_context(active_test=False)
                .search(
                    [
                        "|",
                        ("partner_id", "=", partner.id),
                        ("guardian_id", "=", partner.id),
                    ]
                )
                .filtered(
                    lambda mentee, p=partner: mentee._portal_family_partner() == p
                )
            )
            refusal = None
            for role, check in [
                (mentor, "_portal_check_grant") for mentor in mentors
            ] + [(mentee, "_portal_family_check_grant") for mentee in mentees]:
                try:
                    getattr(role.with_env(env).sudo(), check)()
                except UserError as error:
                    refusal = refusal or error
                    continue
                refusal = None
                break
            if refusal:
                raise refusal
