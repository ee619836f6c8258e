"""The portal for families (issue 15, item 10): where a programme wants it,
the guardian of a minor mentee, or an adult mentee herself, reads her own
running tandems on ``/my/tandems`` and asks for a talk with the coordinator.

As for mentors (``mentoring_portal.py``), family members get no access
rights on the mentoring models: the controller reads in sudo through the
methods below, strictly filtered to the tandems of the user's own contact,
and shows only the values of ``_portal_family_values``.
"""

from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression
from odoo.tools import format_date

from .mentoring_mentee import MINOR_AGE_GROUPS
from .mentoring_portal import PORTAL_GRACE_DAYS, first_name
from .mentoring_tandem import CONTACT_PHASES


def _family_domain(partner_ids, prefix="mentee_id."):
    """The tandems (with an empty ``prefix``: the mentees) whose family
    member on the portal is one of ``partner_ids``: the guardian of a minor
    (age group child or young person, or the consent given by the guardian),
    the mentee herself otherwise. As ``_portal_family_partner``."""
    minor = [
        "|",
        (f"{prefix}consent_given_by", "=", "guardian"),
        (f"{prefix}age_group", "in", MINOR_AGE_GROUPS),
    ]
    adult = [
        (f"{prefix}consent_given_by", "!=", "guardian"),
        "|",
        (f"{prefix}age_group", "=", False),
        (f"{prefix}age_group", "not in", MINOR_AGE_GROUPS),
    ]
    return expression.OR(
        [
            expression.AND([[(f"{prefix}guardian_id", "in", partner_ids)], minor]),
            expression.AND([[(f"{prefix}partner_id", "in", partner_ids)], adult]),
        ]
    )


# One class per model of this concern, as the portal's other file.
# pylint: disable=consider-merging-classes-inherited
class MentoringProgramPortalFamily(models.Model):
    _inherit = "mentoring.program"

    portal_families = fields.Boolean(
        "Families Take Part through the Portal",
        help="The coordinator may invite the guardian of a minor mentee, or "
        "an adult mentee herself, to the portal: she reads the mentor's first "
        "name, the programme, the coordinator's name and phone and when the "
        "next feedback is due, and asks for a talk. Off by default.",
    )

    def write(self, vals):
        """Switching ``portal_families`` off revokes the portal access of the
        families of these programmes, unless they still have a reason to be
        on the portal (a running tandem as mentor, or of another child in a
        programme that lets families take part)."""
        switched_off = (
            self.filtered("portal_families")
            if "portal_families" in vals and not vals["portal_families"]
            else self.browse()
        )
        result = super().write(vals)
        if switched_off:
            mentees = (
                self.env["mentoring.mentee"]
                .sudo()
                .with_context(active_test=False)
                .search([("program_id", "in", switched_off.ids)])
            )
            partners = self.env["res.partner"]
            for mentee in mentees:
                partners |= mentee._portal_family_partner()
            self.env["mentoring.tandem"]._portal_family_revoke(partners)
        return result


class MentoringMenteePortal(models.Model):
    _inherit = "mentoring.mentee"

    def _portal_family_partner(self):
        """Who takes part on the portal for this mentee: the guardian of a
        minor (the consent is given by the guardian), else the mentee's own
        contact."""
        self.ensure_one()
        mentee = self.sudo()
        if (
            mentee.consent_given_by == "guardian"
            or mentee.age_group in MINOR_AGE_GROUPS
        ):
            return mentee.guardian_id
        return mentee.partner_id

    def action_grant_portal_access(self):
        """Open Odoo's portal invitation (``portal.wizard``) for the family:
        the guardian's contact for a minor, the mentee's own for an adult.
        The invitation names the addressee and the organisation only.

        :raise UserError: the programme does not let families take part, the
            consent is withdrawn, there is no guardian or no e-mail address,
            or the mentee has no running tandem (never matched, or her tandem
            ended: the portal would show nothing)
        """
        self.ensure_one()
        partner = self._portal_family_check_grant()
        return (
            self.env["portal.wizard"]
            .create({"partner_ids": [fields.Command.set(partner.ids)]})
            ._action_open_modal()
        )

    def _portal_family_check_grant(self):
        """The family's contact this mentee's tandem may give portal access
        to, checked: the button on the mentee form and Odoo's own portal
        invitation (Contacts, ``portal.wizard.user``) ask the same.

        :return: res.partner (the guardian of a minor, the adult mentee)
        :raise UserError: see ``action_grant_portal_access``
        """
        self.ensure_one()
        _ = self.env._
        if not self.program_id.portal_families:
            raise UserError(
                _(
                    "The programme %(program)s does not let families take part "
                    "through the portal. An administrator of QualitätsMENTOR "
                    "switches it on in the programme's settings.",
                    program=self.program_id.name,
                )
            )
        if self.consent_withdrawn_date:
            raise UserError(
                _(
                    "The consent for %(name)s was withdrawn: the family cannot "
                    "be invited to the portal.",
                    name=self.name,
                )
            )
        partner = self._portal_family_partner()
        if not partner:
            raise UserError(
                _(
                    "%(name)s is under 18: enter the guardian first, the "
                    "invitation to the portal goes to the guardian.",
                    name=self.name,
                )
            )
        if not partner.email:
            raise UserError(
                _(
                    "Enter the e-mail address of %(name)s first: the invitation "
                    "to the portal goes there.",
                    name=partner.name,
                )
            )
        if (
            not self.env["mentoring.tandem"]
            ._portal_family_tandems(partner)
            .filtered(lambda tandem: tandem.mentee_id == self)
        ):
            raise UserError(
                _(
                    "%(name)s has no running tandem: the family would see "
                    "nothing on the portal. Invite it once a tandem of %(name)s "
                    "has begun.",
                    name=self.name,
                )
            )
        return partner

    def action_export_guardian_data(self):
        """Art. 15 DSGVO for the guardian, a person without a profile of her
        own: everything stored about her (contact, portal access, what she
        asked for on the portal), as a file."""
        self.ensure_one()
        if not self.env.user.has_group("qualitaetsmentor.group_admin"):
            raise AccessError(
                self.env._(
                    "Only an administrator of QualitätsMENTOR can export the "
                    "personal data of a person."
                )
            )
        if not self.guardian_id:
            raise UserError(self.env._("%(name)s has no guardian.", name=self.name))
        export = self.env["mentoring.personal.data.export"].create(
            {"mentee_id": self.id, "guardian_id": self.guardian_id.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Personal Data Export"),
            "res_model": export._name,
            "res_id": export.id,
            "view_mode": "form",
            "target": "new",
        }

    def _consent_withdrawn(self):
        """The family of a mentee whose consent is withdrawn loses its portal
        access, unless it still has a reason to be there (a running tandem
        of another child, or of her own as a mentor)."""
        result = super()._consent_withdrawn()
        partners = self.env["res.partner"]
        for mentee in self:
            partners |= mentee._portal_family_partner()
        self.env["mentoring.tandem"]._portal_family_revoke(partners)
        return result

    @api.model
    def _cron_portal_family_revoke(self):
        """Daily: revoke the portal access of family members (the
        ``_portal_family_partner`` of a mentee) with no reason left to be on
        the portal (issue 15, items 1 and 10): ``PORTAL_GRACE_DAYS`` days
        after their last tandem ended, counting the tandems where they
        mentor too; with no ended tandem at all (the child was never
        matched, or the tandem was deleted), ``PORTAL_GRACE_DAYS`` days after
        the portal user was created (the invitation). A running tandem of a
        programme that lets families take part, or a running tandem she
        mentors, keeps her (``mentoring.tandem._portal_family_revoke``)."""
        group_portal = self.env.ref("base.group_portal")
        users = (
            self.env["res.users"].sudo().search([("groups_id", "in", group_portal.ids)])
        )
        if not users:
            return
        Mentee = self.sudo().with_context(active_test=False)
        # Each family member's children, and so her tandems, in one pass.
        children = defaultdict(lambda: Mentee.browse())
        for mentee in Mentee.search(_family_domain(users.partner_id.ids, prefix="")):
            partner = mentee._portal_family_partner()
            if partner:
                children[partner] |= mentee
        if not children:
            return
        Tandem = self.env["mentoring.tandem"].sudo().with_context(active_test=False)
        mentored = defaultdict(lambda: Tandem.browse())
        for tandem in Tandem.search(
            [("mentor_id.partner_id", "in", [p.id for p in children])]
        ):
            mentored[tandem.mentor_id.partner_id] |= tandem
        days = Mentee.browse().union(*children.values()).company_id._mentoring_days()
        grace = timedelta(days=PORTAL_GRACE_DAYS)
        leaving = self.env["res.partner"]
        for partner, mentees in children.items():
            tandems = mentees.with_context(active_test=False).tandem_ids
            tandems |= mentored[partner]
            ended = [t.date_ended for t in tandems if t.date_ended]
            if ended:
                since = max(ended)
            else:
                invited = users.filtered(lambda u, p=partner: u.partner_id == p)
                since = min(invited.mapped("create_date")).date()
            if since + grace <= days[mentees[:1].company_id]:
                leaving |= partner
        # Those with a running tandem (as family or mentor) stay.
        Tandem._portal_family_revoke(leaving)


class MentoringMentorPortalFamily(models.Model):
    _inherit = "mentoring.mentor"

    def _portal_revoke(self):
        """A mentor who is also the family of a running tandem keeps her
        portal access for it."""
        family = self.env["mentoring.tandem"]._portal_family_tandems(self.partner_id)
        keep = family.mentee_id.sudo().guardian_id | family.mentee_id.sudo().partner_id
        return super(
            MentoringMentorPortalFamily,
            self.filtered(lambda mentor: mentor.sudo().partner_id not in keep),
        )._portal_revoke()


class MentoringTandemPortalFamily(models.Model):
    _inherit = "mentoring.tandem"

    @api.model
    def _portal_family_tandems(self, partners):
        """The tandems a family member reads on the portal: running tandems
        of a programme that lets families take part, of the mentees whose
        family member (``_portal_family_partner``) is one of ``partners``,
        with the mentee's consent, not anonymised. In sudo: callers show
        only ``_portal_family_values``.

        :param partners: the portal user's contact (res.partner)
        :return: mentoring.tandem in sudo
        """
        if not partners:
            return self.sudo().browse()
        return self.sudo().search(
            expression.AND(
                [
                    _family_domain(partners.ids),
                    [
                        ("program_id.portal_families", "=", True),
                        ("mentee_id.consent_withdrawn_date", "=", False),
                        ("phase", "in", CONTACT_PHASES),
                        ("date_anonymized", "=", False),
                    ],
                ]
            ),
            order="date_matched desc, id desc",
        )

    def _portal_family_values(self):
        """What the family reads of its tandem, and nothing else (issue 15,
        item 10): the mentor's first name, the programme, the coordinator's
        name and phone, when the next feedback is due.

        :return: dict of plain values
        """
        self.ensure_one()
        coordinator = self.coordinator_id
        return {
            "id": self.id,
            "mentor_first_name": first_name(self.mentor_id.partner_id),
            "program": self.program_id.name,
            "coordinator_name": coordinator.name or "",
            "coordinator_phone": coordinator.partner_id.phone
            or coordinator.partner_id.mobile
            or "",
            "next_feedback_date": self.next_feedback_date,
        }

    @api.model
    def _portal_family_revoke(self, partners):
        """Take the portal access of these family members away, as the portal
        invitation's "Revoke" does, unless one still has a reason to be on
        the portal: a running tandem as family or as mentor. Internal users
        keep theirs."""
        partners = partners.sudo()
        keep = self._portal_family_tandems(partners).mentee_id
        staying = self.env["res.partner"]
        for mentee in keep:
            staying |= mentee._portal_family_partner()
        staying |= self._portal_tandems(partners).mentor_id.partner_id
        leaving = partners - staying
        if not leaving:
            return
        wizard = (
            self.env["portal.wizard"]
            .sudo()
            .create({"partner_ids": [fields.Command.set(leaving.ids)]})
        )
        for line in wizard.user_ids.filtered("is_portal"):
            line.action_revoke_access()

    def _portal_family_ask_talk(self, user):
        """The family ``user`` asks for a talk on the portal: a key moment of
        the shipped type "Family asks for a talk" (``source = 'portal'``,
        author the family member, ``talk_requested``), so the tandem's health
        shows attention until the coordinator documents a contact of her own,
        and an activity for the coordinator, scheduled by OdooBot (the
        superuser), never by the family. No names in either beyond the
        tandem they are on. Asking twice the same day adds nothing.

        :param user: the portal user, the family of this tandem
        :return: the key moment (sudo)
        """
        self.ensure_one()
        tandem = self.sudo()
        today = tandem.company_id._mentoring_today()
        kind = self.env.ref(
            "qualitaetsmentor.key_moment_type_family_talk", raise_if_not_found=False
        )
        if not kind or not kind.sudo().active:
            raise UserError(
                self.env._(
                    "No key moment type for a family's request for a talk: ask "
                    "an administrator to restore “Family asks for a talk”."
                )
            )
        kind = kind.sudo()
        Moment = self.env["mentoring.key.moment"].sudo()
        asked = Moment.search(
            [
                ("tandem_id", "=", tandem.id),
                ("type_id", "=", kind.id),
                ("author_id", "=", user.id),
                ("date", "=", today),
            ],
            limit=1,
        )
        if asked:
            return asked
        env = tandem.with_context(lang=tandem.coordinator_id.lang or self.env.lang).env
        _ = env._
        moment = (
            Moment.with_user(user)
            .sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "tandem_id": tandem.id,
                    "type_id": kind.id,
                    "source": "portal",
                    "author_id": user.id,
                    "date": today,
                    "summary": _("The family would like to talk to the coordinator."),
                    "talk_requested": True,
                }
            )
        )
        coordinator = tandem._activity_user()
        if coordinator:
            # Scheduled by OdooBot, not the family: the coordinator's e-mail
            # names no family member as its sender, and the family's Art. 15
            # export holds no notification of the coordinator's.
            tandem.with_user(SUPERUSER_ID).activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Family asks for a talk"),
                note=Markup("<p>%s</p>")
                % _(
                    "The family would like to talk to you (asked on the portal "
                    "on %(date)s).",
                    date=format_date(env, today),
                ),
                user_id=coordinator.id,
                date_deadline=today,
            )
        return moment

    @api.model
    def _cron_monitor_quality(self):
        """Daily, with the mentors' portal: revoke the portal access of
        families whose last tandem ended long enough ago."""
        result = super()._cron_monitor_quality()
        self.env["mentoring.mentee"]._cron_portal_family_revoke()
        return result
