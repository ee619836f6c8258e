from odoo import api, models


class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    def _mentoring_check_change(self, vals=None):
        """The lines of a tandem's feedback answer are written only through
        its invitation: nobody adds, changes, moves or deletes them
        otherwise (``survey.user_input._mentoring_check_change``).

        :param vals: the values of ``create``/``write`` (None for ``unlink``)
        :raise UserError: such a change by anyone else
        """
        answers = self.sudo().user_input_id
        if (vals or {}).get("user_input_id"):
            answers |= answers.browse(vals["user_input_id"])
        answers.with_env(self.env)._mentoring_check_change()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._mentoring_check_change(vals)
        return super().create(vals_list)

    def write(self, vals):
        # Odoo's own refusal first (no right at all), then ours.
        self.check_access("write")
        self._mentoring_check_change(vals)
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        self._mentoring_check_change()
        return super().unlink()
