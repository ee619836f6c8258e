from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date


class MentoringTandemEnd(models.TransientModel):
    """The dialog “End Tandem”: end date, end reason (regular or premature)
    and the closing talks, each documented as a key moment; then the tandem
    moves to its programme's closure stage through the normal gate, which
    requires a documented closing talk (doc/domain.md, "Closure")."""

    _name = "mentoring.tandem.end"
    _description = "End Tandem"

    tandem_id = fields.Many2one("mentoring.tandem", required=True, ondelete="cascade")
    date_ended = fields.Date("End Date", required=True)
    ending = fields.Selection(
        [("regular", "Regular"), ("premature", "Premature")],
        required=True,
        default="regular",
        help="Regular: the tandem reached its planned end. Premature: it ended "
        "before (moved away, lack of time, conflict...).",
    )
    end_reason_id = fields.Many2one(
        "mentoring.end.reason",
        required=True,
        domain="[('premature', '=', ending == 'premature')]",
    )
    talk_ids = fields.One2many(
        "mentoring.tandem.end.talk", "wizard_id", string="Closing Talks"
    )
    closing_talk_documented = fields.Boolean(
        compute="_compute_closing_talk_documented",
        help="The tandem has a closing talk documented already.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        tandem = self.env["mentoring.tandem"].browse(values.get("tandem_id"))
        if tandem and "date_ended" in fields_list:
            values["date_ended"] = tandem.company_id._mentoring_today()
        if tandem and "talk_ids" in fields_list and not values.get("talk_ids"):
            documented = tandem.key_moment_ids.filtered(
                lambda m: m.category == "closing"
            )
            closing = self.env["mentoring.key.moment.type"].search(
                [("category", "=", "closing")], limit=1
            )
            # The closure gate asks a matched tandem for its closing talk.
            if closing and not documented and tandem.date_matched:
                values["talk_ids"] = [
                    Command.create(
                        {"type_id": closing.id, "date": values.get("date_ended")}
                    )
                ]
        return values

    @api.depends("tandem_id")
    def _compute_closing_talk_documented(self):
        for wizard in self:
            wizard.closing_talk_documented = any(
                moment.category == "closing"
                for moment in wizard.tandem_id.key_moment_ids
            )

    @api.onchange("ending")
    def _onchange_ending(self):
        premature = self.ending == "premature"
        if self.end_reason_id and self.end_reason_id.premature != premature:
            self.end_reason_id = False

    def _closure_stage(self):
        self.ensure_one()
        tandem = self.tandem_id
        return self.env["mentoring.stage"].search(
            tandem._stage_domain(tandem.program_id) + [("phase", "=", "closure")],
            limit=1,
        )

    def _check_end(self):
        """Refuse what the dialog must not do: end a tandem that has ended
        already, on a day still to come, or with an end reason of the other
        kind (regular or premature) than chosen.

        :raise UserError: saying which
        """
        tandem = self.tandem_id
        if tandem.phase == "closure":
            raise UserError(
                self.env._(
                    "The tandem %(name)s has ended already (%(date)s).",
                    name=tandem.name,
                    date=format_date(self.env, tandem.date_ended),
                )
            )
        today = tandem.company_id._mentoring_today()
        if self.date_ended > today:
            raise UserError(
                self.env._(
                    "The end date %(date)s lies in the future. End the tandem "
                    "on that day, or note it as the planned end.",
                    date=format_date(self.env, self.date_ended),
                )
            )
        if self.end_reason_id.premature != (self.ending == "premature"):
            raise UserError(
                self.env._(
                    "The end reason %(reason)s does not fit a %(ending)s end.",
                    reason=self.end_reason_id.name,
                    ending=dict(
                        self._fields["ending"]._description_selection(self.env)
                    )[self.ending],
                )
            )

    def action_end(self):
        """Document the closing talks, write end date and reason, and move the
        tandem to its closure stage. The gate checks the closure as on the
        board; a refusal leaves nothing saved.

        :return: the tandem's form
        :raise UserError: the programme has no closure stage
        :raise ValidationError: the gate's refusal (no documented closing talk)
        """
        self.ensure_one()
        tandem = self.tandem_id
        self._check_end()
        stage = self._closure_stage()
        if not stage:
            raise UserError(
                self.env._(
                    "The programme %(program)s has no stage of the phase "
                    "Closure: an administrator adds one under Configuration → "
                    "Stages.",
                    program=tandem.program_id.name,
                )
            )
        self.env["mentoring.key.moment"].create(
            [
                {
                    "tandem_id": tandem.id,
                    "type_id": talk.type_id.id,
                    "date": talk.date,
                    "summary": talk.summary,
                    "notes": talk.notes,
                }
                for talk in self.talk_ids
            ]
        )
        tandem.write(
            {
                "date_ended": self.date_ended,
                "end_reason_id": self.end_reason_id.id,
                "stage_id": stage.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mentoring.tandem",
            "res_id": tandem.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }


class MentoringTandemEndTalk(models.TransientModel):
    """A closing talk entered in the dialog “End Tandem”; it becomes a key
    moment of the tandem."""

    _name = "mentoring.tandem.end.talk"
    _description = "Closing Talk"

    wizard_id = fields.Many2one(
        "mentoring.tandem.end", required=True, ondelete="cascade"
    )
    type_id = fields.Many2one(
        "mentoring.key.moment.type",
        required=True,
        domain="[('category', '=', 'closing')]",
    )
    date = fields.Date(required=True)
    summary = fields.Char(required=True)
    notes = fields.Html()
