from dateutil.relativedelta import relativedelta

from odoo import models

from odoo.addons.qualitaetsmentor.models.mentoring_mentor import (
    POLICE_CLEARANCE_VALIDITY_YEARS,
)


class MentoringMentor(models.Model):
    _inherit = "mentoring.mentor"

    def _clearance_covers(self, day):
        """Whether this mentor's police clearance, as recorded now, was valid
        on ``day``: inspected on or before it, without a relevant entry, and
        not yet expired (the programme's validity in years).

        :param day: a date, or False (then False)
        :return: bool
        """
        if not self or not day:
            return False
        self.ensure_one()
        mentor = self.sudo()
        inspected = mentor.police_clearance_date
        years = mentor.program_id.police_clearance_validity_years
        return bool(
            inspected
            and not mentor.police_clearance_relevant_entry
            and inspected
            <= day
            < inspected + relativedelta(years=years or POLICE_CLEARANCE_VALIDITY_YEARS)
        )

    def _trained_by(self, day):
        """Whether this mentor, as recorded now, had completed the training
        on or before ``day`` (the standard *Trained Before the Match*).

        :param day: a date, or False (then False)
        :return: bool
        """
        if not self or not day:
            return False
        self.ensure_one()
        trained = self.sudo().training_date
        return bool(trained and trained <= day)

    def write(self, vals):
        result = super().write(vals)
        if {"police_clearance_date", "police_clearance_relevant_entry"} & set(vals):
            # A clearance entered after the match was recorded: the quality
            # report's fact follows it (never the other way: see the field).
            mentors = self.sudo().with_context(active_test=False)
            mentors.tandem_ids.filtered("date_matched")._record_clearance_at_match()
        if "training_date" in vals:
            # Likewise a training entered after the match was recorded; a
            # refresher training (a later date) never unmarks the fact.
            mentors = self.sudo().with_context(active_test=False)
            mentors.tandem_ids.filtered("date_matched")._record_training_at_match()
        return result
