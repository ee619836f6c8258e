from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import plaintext2html

from ..models.mentoring_profile_mixin import ADMIN, COORDINATOR
from ..models.mentoring_tandem import RUNNING_PHASES
from ..models.res_users import NAMED_MODELS


class MentoringHandoverWizard(models.TransientModel):
    """Hand the running tandems of one coordinator over to another: the
    tandems, the open activities on them and on their mentors' and mentees'
    profiles, the follower subscriptions, with a note on each tandem. Closed
    tandems stay with their coordinator.

    An administrator hands over anybody's tandems; a coordinator her own, to
    another coordinator of the same programmes (issue 13, item 13).
    """

    _name = "mentoring.handover.wizard"
    _description = "Handover of Tandems"

    # Archived users too: one archived before her tandems were handed over
    # (Odoo refuses it now, see res.users._mentoring_check_leaving).
    from_user_id = fields.Many2one(
        "res.users",
        string="Handing Over",
        required=True,
        domain="[('share', '=', False)]",
        context={"active_test": False},
        default=lambda self: self._default_from_user(),
    )
    # Only an active user with the coordinator role: the tandems' reminders
    # and activities go to her (see mentoring.tandem._check_coordinator).
    to_user_id = fields.Many2one(
        "res.users",
        string="Taking Over",
        required=True,
        domain=lambda self: (
            "[('share', '=', False), ('groups_id', 'in', [%s]), "
            "('id', '!=', from_user_id)]" % self.env.ref(COORDINATOR).id
        ),
    )
    leave_programs = fields.Boolean(
        "Leaves the Programmes",
        help="The coordinator leaves QualitätsMENTOR, for example before her "
        "user is archived: the successor also takes her place among the "
        "coordinators of each of her programmes and her open activities on "
        "their mentors, mentees and programmes.",
    )
    scope = fields.Selection(
        [("all", "All tandems"), ("chosen", "Chosen tandems")],
        required=True,
        default="all",
    )
    tandem_ids = fields.Many2many(
        "mentoring.tandem",
        string="Tandems",
        domain="[('coordinator_id', '=', from_user_id), "
        "('phase', 'in', %s)]" % (list(RUNNING_PHASES),),
    )
    note = fields.Text(
        "Handover Note",
        help="Posted on every tandem handed over, after the names of both "
        "coordinators.",
    )
    tandem_count = fields.Integer(compute="_compute_tandem_count")

    @api.model
    def _default_from_user(self):
        # A coordinator hands over her own tandems.
        if self.env.user.has_group(ADMIN):
            return self.env["res.users"]
        return self.env.user

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        # Started from selected tandems: hand over those of their coordinator.
        if self.env.context.get("active_model") == "mentoring.tandem":
            tandems = (
                self.env["mentoring.tandem"]
                .browse(self.env.context.get("active_ids", []))
                ._filter_running()
            )
            if len(tandems.coordinator_id) == 1:
                values.update(
                    from_user_id=tandems.coordinator_id.id,
                    scope="chosen",
                    tandem_ids=[Command.set(tandems.ids)],
                )
        return values

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope != "all":
            self.leave_programs = False

    @api.onchange("from_user_id")
    def _onchange_from_user_id(self):
        self.tandem_ids = self.tandem_ids.filtered(
            lambda t: t.coordinator_id == self.from_user_id
        )

    @api.depends("from_user_id", "scope", "tandem_ids")
    def _compute_tandem_count(self):
        for wizard in self:
            wizard.tandem_count = len(wizard._get_tandems())

    def _get_tandems(self):
        self.ensure_one()
        if not self.from_user_id:
            return self.env["mentoring.tandem"]
        if self.scope == "chosen":
            return self.tandem_ids._filter_running().filtered(
                lambda t: t.coordinator_id == self.from_user_id
            )
        return self.env["mentoring.tandem"].search(
            [
                ("coordinator_id", "=", self.from_user_id.id),
                ("phase", "in", RUNNING_PHASES),
            ]
        )

    def _records_handed_over(self, tandems, old):
        """The tandems and the profiles of their mentors and mentees, except
        profiles that still have a tandem with the old coordinator: her open
        activities on them stay hers."""
        kept = (
            self.env["mentoring.tandem"]
            .with_context(active_test=False)
            .search([("coordinator_id", "=", old.id)])
        )
        return (
            tandems,
            tandems.mentor_id - kept.mentor_id,
            tandems.mentee_id - kept.mentee_id,
        )

    def _programs_left(self):
        """The programmes the coordinator leaves, archived ones included."""
        self.ensure_one()
        if not self.leave_programs:
            return self.env["mentoring.program"]
        return self.from_user_id.with_context(active_test=False).mentoring_program_ids

    def _records_of_programs(self, programs):
        """Everything of ``programs`` an activity can be on: the programmes,
        their tandems, mentors and mentees, archived ones included."""
        records = [programs]
        for model in NAMED_MODELS:
            records.append(
                self.env[model]
                .with_context(active_test=False)
                .search([("program_id", "in", programs.ids)])
            )
        return records

    def _check_coordinator_may_hand_over(self, tandems):
        """A coordinator who is not an administrator hands over only her own
        tandems, to a coordinator of their programmes, and cannot leave the
        programmes (an administrator changes the memberships).

        :raise UserError: saying what she may do instead
        """
        self.ensure_one()
        if self.env.user.has_group(ADMIN):
            return
        if self.from_user_id != self.env.user or self.leave_programs:
            raise UserError(
                self.env._(
                    "You can hand over your own tandems. To hand over the "
                    "tandems of another coordinator, or to leave the "
                    "programmes, ask an administrator of QualitätsMENTOR."
                )
            )
        foreign = tandems.program_id.filtered(
            lambda program: self.to_user_id not in program.coordinator_ids
        )
        if foreign:
            raise UserError(
                self.env._(
                    "%(name)s is not a coordinator of %(programs)s: hand the "
                    "tandems over to a coordinator of their programme, or ask "
                    "an administrator to add her to it first.",
                    name=self.to_user_id.name,
                    programs=", ".join(foreign.mapped("name")),
                )
            )

    def action_hand_over(self):
        self.ensure_one()
        old, new = self.from_user_id, self.to_user_id
        if old == new:
            raise UserError(
                self.env._("Choose another coordinator to take the tandems over.")
            )
        if not new.active or not new.has_group("qualitaetsmentor.group_coordinator"):
            raise UserError(
                self.env._(
                    "%(name)s is not a coordinator. Add the user to the group "
                    "“QualitätsMENTOR / Coordinator” first.",
                    name=new.name,
                )
            )
        if self.leave_programs and self.scope != "all":
            raise UserError(
                self.env._(
                    "%(name)s can only leave the programmes with all tandems "
                    "handed over: choose “All tandems”.",
                    name=old.name,
                )
            )
        tandems = self._get_tandems()
        self._check_coordinator_may_hand_over(tandems)
        programs_left = self._programs_left()
        if not tandems and not programs_left:
            raise UserError(
                self.env._("%(name)s has no tandems to hand over.", name=old.name)
            )
        for program in tandems.program_id | programs_left:
            if new not in program.coordinator_ids:
                program.coordinator_ids = [Command.link(new.id)]
        tandems.write({"coordinator_id": new.id})
        records = list(self._records_handed_over(tandems, old))
        if programs_left:
            records += self._records_of_programs(programs_left)
        activities = self.env["mail.activity"].search(
            expression.AND(
                [
                    [("user_id", "=", old.id)],
                    expression.OR(
                        [
                            [
                                ("res_model", "=", recs._name),
                                ("res_id", "in", recs.ids),
                            ]
                            for recs in records
                        ]
                    ),
                ]
            )
        )
        # No e-mail about it: it would carry the names of mentor and mentee.
        activities.with_context(mail_activity_quick_update=True).write(
            {"user_id": new.id}
        )
        tandems.message_unsubscribe(partner_ids=old.partner_id.ids)
        tandems.message_subscribe(partner_ids=new.partner_id.ids)
        # The notes are written for the successor, in her language.
        _ = self.with_context(lang=new.lang or self.env.lang).env._
        body = Markup("<p>%s</p>") % _(
            "Handover: %(old)s handed this tandem over to %(new)s.",
            old=old.name,
            new=new.name,
        )
        if self.note:
            body += plaintext2html(self.note)
        for tandem in tandems:
            tandem.message_post(body=body, subtype_xmlid="mail.mt_note")
        if programs_left:
            programs_left.coordinator_ids = [Command.unlink(old.id)]
            for program in programs_left:
                program.message_post(
                    body=Markup("<p>%s</p>")
                    % _(
                        "Handover: %(old)s left the programme; %(new)s took "
                        "over the tandems and open activities.",
                        old=old.name,
                        new=new.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        if not tandems:
            return {"type": "ir.actions.act_window_close"}
        # Without Odoo's document-layout dialog: the dossier is an HTML
        # report that no company letterhead frames.
        return self.env.ref(
            "qualitaetsmentor.action_report_handover_dossier"
        ).report_action(tandems, config=False)
