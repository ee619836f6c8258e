from odoo import api, fields, models


class MentoringTandem(models.Model):
    _inherit = "mentoring.tandem"

    # Captured when the match is recorded, kept when the mentor's clearance is
    # renewed or its facts are removed (anonymisation): the quality report of
    # a closed year must not change (issue 16).
    clearance_valid_at_match = fields.Boolean(
        "Police Clearance Valid at the Match",
        compute="_compute_clearance_valid_at_match",
        store=True,
        readonly=True,
        copy=False,
        groups="qualitaetsmentor.group_coordinator",
        help="The mentor's police clearance was inspected, without a relevant "
        "entry, on or before the match date and had not expired on it. "
        "Recorded when the match or a clearance is entered; a later renewal or "
        "the removal of the clearance facts does not change it.",
    )

    # The same for the training: a refresher training entered later moves the
    # mentor's training date past the match, the closed year must not change.
    trained_at_match = fields.Boolean(
        "Trained Before the Match",
        compute="_compute_trained_at_match",
        store=True,
        readonly=True,
        copy=False,
        groups="qualitaetsmentor.group_coordinator",
        help="The mentor had completed the training on or before the match "
        "date. Recorded when the match or a training date is entered; a later "
        "refresher training does not change it.",
    )

    @api.depends("date_matched", "mentor_id")
    def _compute_clearance_valid_at_match(self):
        """Whether the mentor's clearance, as recorded now, covers the match
        date (doc/domain.md, Screening). Deliberately not dependent on the
        mentor's clearance fields: a renewal or the anonymisation must not
        rewrite history; ``mentoring.mentor.write`` records a clearance
        entered late instead."""
        for tandem in self:
            tandem.clearance_valid_at_match = tandem.sudo().mentor_id._clearance_covers(
                tandem.date_matched
            )

    @api.depends("date_matched", "mentor_id")
    def _compute_trained_at_match(self):
        """Whether the mentor's training date, as recorded now, lies on or
        before the match date (doc/domain.md, Screening; the programme's
        *Training Required*). Like the clearance fact deliberately not
        dependent on the training date: ``mentoring.mentor.write`` records a
        training entered late, a refresher never unmarks it."""
        for tandem in self:
            tandem.trained_at_match = tandem.sudo().mentor_id._trained_by(
                tandem.date_matched
            )

    def _record_training_at_match(self):
        """Mark the tandems whose mentor, as recorded now, was trained on or
        before the match date; never unmark one (see the field)."""
        trained = self.sudo().filtered(
            lambda tandem: (
                not tandem.trained_at_match
                and tandem.mentor_id._trained_by(tandem.date_matched)
            )
        )
        if trained:
            trained.trained_at_match = True

    def _record_clearance_at_match(self):
        """Mark the tandems whose match date the mentor's clearance, as
        recorded now, covers; never unmark one (see the field)."""
        covered = self.sudo().filtered(
            lambda tandem: (
                not tandem.clearance_valid_at_match
                and tandem.mentor_id._clearance_covers(tandem.date_matched)
            )
        )
        if covered:
            covered.clearance_valid_at_match = True
