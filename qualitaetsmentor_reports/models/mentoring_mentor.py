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
        valid until that day or later (the programme's validity in years; the
        valid-until day itself is valid, as the matching gate counts it).

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
            <= inspected + relativedelta(years=years or POLICE_CLEARANCE_VALIDITY_YEARS)
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
        ending = self._clearances_ending(vals)
        result = super().write(vals)
        if ending:
            self._record_ended_clearances(ending)
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

    def _clearances_ending(self, vals):
        """The clearances this write may end, before it is applied.

        :param vals: the values of ``write``
        :return: {mentor id: (inspection date, valid until)} of the mentors
            that hold a clearance now, empty when ``vals`` leaves it alone
        """
        if "police_clearance_date" not in vals:
            return {}
        return {
            mentor.id: (
                mentor.police_clearance_date,
                mentor.police_clearance_valid_until,
            )
            for mentor in self.sudo()
            if mentor.police_clearance_date
        }

    def _record_ended_clearances(self, ending):
        """Keep the clearances this write ended for the standard *Police
        Clearance Renewed Before It Expired* (issue 16): a later inspection
        date renews the old clearance (``renewed_on``: the new date), an
        emptied date (the anonymisation) removes it unrenewed. An earlier or
        the same date corrects the old one, which then never was.

        :param ending: the result of ``_clearances_ending`` before the write
        """
        rows = []
        for mentor in self.sudo():
            if mentor.id not in ending:
                continue
            inspected, valid_until = ending[mentor.id]
            new = mentor.police_clearance_date
            if new and new <= inspected:
                continue
            rows.append(
                {
                    "mentor_id": mentor.id,
                    "program_id": mentor.program_id.id,
                    "company_id": mentor.company_id.id,
                    "valid_until": valid_until,
                    "renewed_on": new or False,
                }
            )
        if rows:
            self.env["mentoring.clearance.expiry"].sudo().create(rows)
