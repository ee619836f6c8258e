import base64
from datetime import date

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date, html2plaintext

from odoo.addons.qualitaetsmentor.models.mentoring_mentee import AGE_GROUPS

from ..report.mentoring_quality_report import FEEDBACK_TOLERANCE_DAYS
from ..report.xlsx_workbook import (
    DATE,
    DECIMAL,
    INTEGER,
    LONG_TEXT,
    PERCENT,
    TEXT,
    YEAR,
    Column,
    XlsxWorkbook,
    excel_date_format,
)

WORKBOOKS = [
    ("statistics", "Funder Statistics"),
    ("quality", "Quality Report"),
    ("register", "Tandem Register"),
    ("key_moments", "Key-moment Log"),
]
# Counts only: every role exports them.
NAMELESS_WORKBOOKS = ("statistics", "quality")


class MentoringReportExport(models.TransientModel):
    """Writes one of the reporting workbooks for a period and programmes.

    Everything is read as the user who exports: record rules and field
    access decide what the workbook contains.
    """

    _name = "mentoring.report.export"
    _description = "Export a Reporting Workbook"

    @api.model
    def _default_date_from(self):
        return date(self.env.company._mentoring_today().year - 1, 1, 1)

    @api.model
    def _default_date_to(self):
        return date(self.env.company._mentoring_today().year - 1, 12, 31)

    @api.model
    def _get_languages(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _default_lang(self):
        installed = dict(self._get_languages())
        return self.env.lang if self.env.lang in installed else next(iter(installed))

    workbook = fields.Selection(WORKBOOKS, required=True, default="statistics")
    date_from = fields.Date("From", required=True, default=_default_date_from)
    date_to = fields.Date("To", required=True, default=_default_date_to)
    program_ids = fields.Many2many(
        "mentoring.program",
        string="Programmes",
        help="Leave empty for every programme you may see.",
    )
    lang = fields.Selection(
        _get_languages,
        string="Language",
        required=True,
        default=_default_lang,
        help="The language of the headers, definitions and labels.",
    )
    include_notes = fields.Boolean(
        help="Add the notes of each key moment. Leave them out when the file "
        "is passed on: they may hold personal details.",
    )
    state = fields.Selection(
        [("choose", "Choose"), ("done", "Done")], default="choose", required=True
    )
    file_data = fields.Binary("File", readonly=True, attachment=False)
    file_name = fields.Char(readonly=True)

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for export in self:
            if export.date_from > export.date_to:
                raise ValidationError(
                    self.env._(
                        "The period cannot end (%(date_to)s) before it begins "
                        "(%(date_from)s).",
                        date_from=format_date(self.env, export.date_from),
                        date_to=format_date(self.env, export.date_to),
                    )
                )

    def action_export(self):
        """Write the chosen workbook; the funder statistics and the quality
        report (counts only, issue 16) for every role, the register and the
        key-moment log (names, summaries) only for coordinators (issue 13,
        item 12).

        :raise AccessError: a read-only user asks for a workbook with names
        """
        self.ensure_one()
        nameless = self.workbook in NAMELESS_WORKBOOKS
        if not nameless and not self.env.user.has_group(
            "qualitaetsmentor.group_coordinator"
        ):
            raise AccessError(
                self.env._(
                    "The tandem register and the key-moment log name mentors "
                    "and mentees: only coordinators export them. The funder "
                    "statistics hold no names."
                )
            )
        export = self.with_context(lang=self.lang)
        builder = {
            "statistics": export._write_statistics,
            "quality": export._write_quality,
            "register": export._write_register,
            "key_moments": export._write_key_moment_log,
        }[self.workbook]
        workbook = XlsxWorkbook(export._excel_date_format())
        title = builder(workbook)
        export._write_about(workbook, title)
        self.write(
            {
                "file_data": base64.b64encode(workbook.close()),
                "file_name": f"{title} {self.date_from}_{self.date_to}.xlsx",
                "state": "done",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Export a Workbook"),
        }

    # --------------------------------------------------------------- helpers

    def _excel_date_format(self):
        return excel_date_format(self.env["res.lang"]._lang_get(self.lang).date_format)

    def _programs(self):
        """The chosen programmes, or every one the user may see."""
        # Reading the field as the user would silently drop a programme she
        # may not see; asking for one is refused instead.
        programs = self.sudo().program_ids.with_env(self.env)
        if programs:
            programs.check_access("read")
        else:
            programs = self.env["mentoring.program"].search([])
        return programs.sorted(lambda program: (program.name.lower(), program.id))

    def _periods(self):
        """One period per calendar year, cut to the chosen dates."""
        return [
            (
                year,
                max(self.date_from, date(year, 1, 1)),
                min(self.date_to, date(year, 12, 31)),
            )
            for year in range(self.date_from.year, self.date_to.year + 1)
        ]

    def _yes_no(self):
        """The labels of True and False, translated once per workbook."""
        return {True: self.env._("Yes"), False: self.env._("No")}

    def _selection_labels(self, model, field_name):
        return dict(
            self.env[model]._fields[field_name]._description_selection(self.env)
        )

    def _write_about(self, workbook, title):
        _ = self.env._
        user = self.env.user
        # The organisation's local time, as every date of the workbook.
        created = pytz.utc.localize(fields.Datetime.now()).astimezone(
            self.env.company._mentoring_tz()
        )
        rows = [
            (_("Workbook"), title),
            (
                _("Period"),
                f"{self._format_date(self.date_from)} – "
                f"{self._format_date(self.date_to)}",
            ),
            (_("Programmes"), ", ".join(self._programs().mapped("name"))),
            (_("Created on"), f"{self._format_date(created)} {created:%H:%M}"),
            (_("Created by"), user.name),
            (
                _("Access"),
                _(
                    "The workbook holds only what %(user)s may see in QualitätsMENTOR.",
                    user=user.name,
                ),
            ),
        ]
        rows += self._about_rows()
        workbook.add_table(
            _("About"),
            [Column(_("Item")), Column(_("Value"), LONG_TEXT)],
            rows,
        )

    def _about_rows(self):
        _ = self.env._
        if self.workbook == "register":
            return [
                (
                    _("Contents"),
                    _(
                        "Every tandem requested by the end of the period (or "
                        "without a request date) that had not ended before "
                        "its beginning; archived tandems are left out."
                    ),
                )
            ]
        if self.workbook == "quality":
            return [
                (
                    _("Contents"),
                    _(
                        "Per programme, for every calendar year from the year of "
                        "“From” to the year of “To”: how many tandems met each "
                        "quality standard, and a chart of the rates."
                    ),
                )
            ]
        if self.workbook == "key_moments":
            return [
                (
                    _("Contents"),
                    _(
                        "Every key moment dated within the period that you may "
                        "read; summaries and notes only where you may read them."
                    ),
                )
            ]
        return []

    def _format_date(self, value):
        return fields.Date.to_date(value).strftime(
            self.env["res.lang"]._lang_get(self.lang).date_format
        )

    # --------------------------------------------------- funder statistics

    def _figures(self):
        """The columns of the statistics sheet: (key, header, kind, definition)."""
        _ = self.env._
        return [
            (
                "program",
                _("Programme"),
                TEXT,
                _(
                    "The programme the tandems and profiles belong to. “All "
                    "programmes” counts the programmes of this workbook "
                    "together: its averages and medians are taken over all "
                    "their tandems, not over the programme rows."
                ),
            ),
            ("year", _("Year"), YEAR, _("The calendar year the row counts.")),
            (
                "date_from",
                _("From"),
                DATE,
                _(
                    "The first day counted: 1 January of the year, or the "
                    "first day of the chosen period when it begins later."
                ),
            ),
            (
                "date_to",
                _("To"),
                DATE,
                _(
                    "The last day counted: 31 December of the year, or the "
                    "last day of the chosen period when it ends earlier."
                ),
            ),
            (
                "active_start",
                _("Active at the start"),
                INTEGER,
                _(
                    "Tandems that started before “From” and had not ended "
                    "before “From”."
                ),
            ),
            (
                "new",
                _("New tandems"),
                INTEGER,
                _("Tandems whose start lies between “From” and “To”."),
            ),
            (
                "ended_regularly",
                _("Ended regularly"),
                INTEGER,
                _(
                    "Tandems whose end lies between “From” and “To” and whose end "
                    "reason is not marked “Premature” (or that have no end reason)."
                ),
            ),
            (
                "ended_early",
                _("Ended early"),
                INTEGER,
                _(
                    "Tandems whose end lies between “From” and “To” and whose end "
                    "reason is marked “Premature” (Configuration → End Reasons)."
                ),
            ),
            (
                "early_share",
                _("Share ended early"),
                PERCENT,
                _(
                    "Ended early divided by the tandems that ended (ended "
                    "regularly + ended early); empty when no tandem ended."
                ),
            ),
            (
                "active_end",
                _("Active at the end"),
                INTEGER,
                _(
                    "Tandems that started on or before “To” and had not ended "
                    "by “To”. Equals active at the start + new tandems − ended "
                    "regularly − ended early."
                ),
            ),
            (
                "accompanied",
                _("Tandems accompanied"),
                INTEGER,
                _(
                    "Tandems running on at least one day between “From” and "
                    "“To”: active at the start + new tandems."
                ),
            ),
            (
                "duration_average",
                _("Average duration (months)"),
                DECIMAL,
                _(
                    "Of the tandems that ended between “From” and “To” "
                    "(regularly or early): the average of the days from start "
                    "to end, divided by 30.44 (the average length of a month)."
                ),
            ),
            (
                "duration_median",
                _("Median duration (months)"),
                DECIMAL,
                _(
                    "Of the same tandems: the median duration in months (half "
                    "of them ended sooner, half later; with an even number, "
                    "the mean of the two middle values)."
                ),
            ),
            (
                "matched",
                _("Tandems matched"),
                INTEGER,
                _(
                    "Tandems whose “Matched” date lies between “From” and “To” and "
                    "that have a “Requested” date."
                ),
            ),
            (
                "waiting_median",
                _("Median waiting time to a match (days)"),
                DECIMAL,
                _(
                    "Of the tandems matched: the median of the days from "
                    "“Requested” to “Matched”."
                ),
            ),
            (
                "contacts",
                _("Contacts"),
                INTEGER,
                _(
                    "Key moments of a type marked “Counts As Contact” "
                    "(Configuration → Key Moment Types), dated between “From” and "
                    "“To”, of the tandems accompanied. Confidential key moments are "
                    "counted too."
                ),
            ),
            (
                "contacts_per_tandem",
                _("Contacts per tandem"),
                DECIMAL,
                _(
                    "Contacts divided by tandems accompanied; empty when no "
                    "tandem was accompanied."
                ),
            ),
            (
                "mentors_recruited",
                _("Mentors recruited"),
                INTEGER,
                _(
                    "Mentor profiles whose “Written Application” date lies between "
                    "“From” and “To”."
                ),
            ),
            (
                "mentors_screened",
                _("Mentors screened"),
                INTEGER,
                _(
                    "Mentor profiles with both “Interview” and “Police Clearance "
                    "Inspected” filled in, the later of the two dates lying between "
                    "“From” and “To”. Once the police-clearance facts are removed "
                    "(retention, anonymisation), the year of the screening kept on "
                    "the profile counts instead."
                ),
            ),
            (
                "mentors_trained",
                _("Mentors trained"),
                INTEGER,
                _(
                    "Mentor profiles whose “Training Completed” date lies between "
                    "“From” and “To”. A refresher training entered over the first "
                    "one counts in the year of the first training, kept on the "
                    "profile."
                ),
            ),
            (
                "mentees_waiting",
                _("Mentees waiting at the end"),
                INTEGER,
                _(
                    "Mentee profiles (not archived, or anonymised after “To”) with "
                    "a “Waiting Since” date on "
                    "or before “To” and no tandem whose “Matched” date (or "
                    "“Started” date, when no match date is recorded) lies between "
                    "that date and “To”."
                ),
            ),
        ]

    def _general_definitions(self):
        _ = self.env._
        return [
            (
                _("Start of a tandem"),
                _(
                    "The tandem's “Started” date; when it is empty, its “Matched” "
                    "date. A tandem with neither is left out of every figure except "
                    "mentees waiting."
                ),
            ),
            (
                _("End of a tandem"),
                _(
                    "The tandem's “Ended” date. A tandem counts as running on every "
                    "day from its start to its end, both included."
                ),
            ),
            (
                _("Counted records"),
                _(
                    "Tandems and mentor profiles of the programme, archived "
                    "ones included: archiving hides a record, it does not undo "
                    "what happened. Only the programmes, tandems and profiles "
                    "you may see are counted."
                ),
            ),
            (
                _("Age group"),
                _(
                    "The age group recorded on the mentee profile of the "
                    "tandem, or of the waiting mentee; “Not recorded” when it "
                    "is empty."
                ),
            ),
        ]

    @staticmethod
    def _ratio(numerator, denominator):
        return (
            numerator / denominator if numerator is not None and denominator else None
        )

    def _figure_values(self, values):
        """Add the figures derived from the counted ones."""
        values = dict(values)
        ended = (values.get("ended_regularly") or 0) + (values.get("ended_early") or 0)
        values["early_share"] = self._ratio(values.get("ended_early"), ended)
        values["contacts"] = values.get("contacts") or 0
        values["contacts_per_tandem"] = self._ratio(
            values["contacts"], values.get("accompanied")
        )
        return values

    def _statistics_rows(self, programs, figures, columns, age_groups=None):
        """Rows per programme, then across the programmes, and per year;
        ``columns`` maps each key to its kind. Counts missing in ``figures``
        are 0, averages and medians stay empty."""
        _ = self.env._
        names = [(program.id, program.name) for program in programs]
        if len(programs) > 1:
            names.append((None, _("All programmes")))
        age_labels = self._selection_labels("mentoring.tandem.analysis", "age_group")
        rows = []
        for program_id, program_name in names:
            for year, date_from, date_to in self._periods():
                for age_group in age_groups or [None]:
                    key = (year, program_id) + ((age_group,) if age_groups else ())
                    counted = figures.get(key, {})
                    if age_groups and not any(counted.values()):
                        continue
                    values = self._figure_values(counted)
                    values.update(
                        program=program_name,
                        year=year,
                        date_from=date_from,
                        date_to=date_to,
                        age_group=age_labels.get(age_group) or _("Not recorded"),
                    )
                    rows.append(
                        [
                            (values.get(name) or 0)
                            if kind == INTEGER
                            else values.get(name)
                            for name, kind in columns.items()
                        ]
                    )
        return rows

    def _write_statistics(self, workbook):
        _ = self.env._
        programs = self._programs()
        analysis = self.env["mentoring.tandem.analysis"]
        if not self.env.user.has_group("qualitaetsmentor.group_coordinator"):
            # A read-only user counts the programmes she reads (_programs,
            # as herself) without reading a profile: the figures are counts,
            # they hold no name.
            analysis = analysis.sudo()
        periods = self._periods()
        figures = self._figures()
        headers = {key: (header, kind) for key, header, kind, _definition in figures}
        headers["age_group"] = (_("Age group"), TEXT)

        keys = [key for key, _header, _kind, _definition in figures]
        workbook.add_table(
            _("Statistics"),
            [Column(*headers[key]) for key in keys],
            self._statistics_rows(
                programs,
                analysis._funder_figures(periods, programs),
                {key: headers[key][1] for key in keys},
            ),
        )
        age_keys = [
            "program",
            "year",
            "date_from",
            "date_to",
            "age_group",
            "active_start",
            "new",
            "ended_regularly",
            "ended_early",
            "active_end",
            "accompanied",
            "contacts",
            "mentees_waiting",
        ]
        age_groups = [*dict(AGE_GROUPS), None]  # None: not recorded
        workbook.add_table(
            _("By age group"),
            [Column(*headers[key]) for key in age_keys],
            self._statistics_rows(
                programs,
                analysis._funder_figures(periods, programs, by_age_group=True),
                {key: headers[key][1] for key in age_keys},
                age_groups,
            ),
        )
        definitions = [
            (header, definition) for _key, header, _kind, definition in figures
        ]
        workbook.add_table(
            _("Definitions"),
            [Column(_("Figure")), Column(_("Definition"), LONG_TEXT)],
            definitions + self._general_definitions(),
        )
        self._write_quality_sheets(workbook)
        return _("Funder statistics")

    # -------------------------------------------------------- quality report

    def _write_quality(self, workbook):
        self._write_quality_sheets(workbook)
        return self.env._("Quality report")

    def _quality_years(self):
        return list(range(self.date_from.year, self.date_to.year + 1))

    def _quality_definitions(self):
        """What each line of the quality report counts, in plain language:
        (standard or figure key, label, definition)."""
        _ = self.env._
        return [
            (
                "first_contact",
                _(
                    "Of the tandems matched: the share whose coordinator documented "
                    "a contact within the programme's “First Contact Within (Days)” "
                    "after the match date (on the last of these days still counts)."
                ),
            ),
            (
                "first_month",
                _(
                    "Of the tandems matched: the share with at least the "
                    "programme's “Contacts in the First Month” documented from the "
                    "match date to the same day one month later."
                ),
            ),
            (
                "regular_contact",
                _(
                    "Counted in months, not tandems: every whole calendar month a "
                    "tandem was accompanied (from its start to its end) counts "
                    "once; it meets the standard when a contact is documented in "
                    "that month."
                ),
            ),
            (
                "no_gap",
                _(
                    "Of the tandems accompanied in the year for at least one "
                    "contact interval: the share without any time longer than the "
                    "programme's “Contact Interval (Days)” between two documented "
                    "contacts (or between the start, the end or today and the "
                    "nearest contact)."
                ),
            ),
            (
                "feedback",
                _(
                    "Every feedback talk of the programme's schedule (after getting "
                    "to know, after 6 and after 12 months, as set in the "
                    "programme) counts once; it is on time when a feedback talk is "
                    "documented at most %(days)s days before or after its due date. "
                    "Talks held on paper before a take-over are not counted.",
                    days=FEEDBACK_TOLERANCE_DAYS,
                ),
            ),
            (
                "closure",
                _(
                    "Of the matched tandems that ended: the share with an end "
                    "reason and a documented closing talk."
                ),
            ),
            (
                "training",
                _(
                    "Of the tandems matched in programmes that require training: "
                    "the share whose mentor had completed the training on or "
                    "before the match date."
                ),
            ),
            (
                "clearance",
                _(
                    "Of the tandems matched in programmes that require a police "
                    "clearance: the share whose mentor's clearance was inspected "
                    "without a relevant entry and valid on the match date. This "
                    "fact is recorded with the match and stays when the clearance "
                    "is renewed or its facts are removed."
                ),
            ),
            (
                "clearance_renewal",
                _(
                    "Of the police clearances of mentors in programmes that "
                    "require one, which expired while the mentor had a matched "
                    "tandem that had not ended: the share renewed (a new "
                    "inspection recorded) on or before the expiry day, counted in "
                    "the period of the expiry day. A clearance removed or "
                    "replaced is recorded when it happens, without personal data, "
                    "so the figure stays after the anonymisation."
                ),
            ),
            (
                "ended_early",
                _(
                    "Not a standard but a share: of the tandems that ended with an "
                    "end reason, those whose reason is marked “Premature”."
                ),
            ),
            (
                "waiting_median",
                _(
                    "Of the tandems matched in the year: the median of the days "
                    "from “Requested” to “Matched”."
                ),
            ),
            (
                "first_contact_median",
                _(
                    "Of the tandems matched in the year: the median of the days "
                    "from the match to the first documented contact."
                ),
            ),
            (
                "survey_score",
                _(
                    "The average score of the feedback surveys completed in the "
                    "year by mentors, mentees and guardians. The score of one "
                    "answer is the average of its answers on the "
                    "relationship-quality scale, from 1 (poor) to 5 (very good); "
                    "every answer weighs the same. Empty when no survey was "
                    "answered."
                ),
            ),
            (
                "survey_count",
                _(
                    "How many feedback surveys were completed in the year (the "
                    "answers the average above is taken over)."
                ),
            ),
            (
                "coordinator_rating",
                _(
                    "Beside it, the coordinator's own view: the average of the "
                    "“Relationship Quality” she gave on the key moments of the "
                    "year, from 1 (poor) to 5 (very good); key moments “Not "
                    "Rated” are left out."
                ),
            ),
            (
                "coordinator_count",
                _("How many key moments of the year carry such a rating."),
            ),
        ]

    def _quality_general_definitions(self):
        _ = self.env._
        return [
            (
                _("Rate"),
                _(
                    "How many met the standard divided by how many it applied to. "
                    "Over several programmes or years the counts are added up "
                    "first; rates are never averaged."
                ),
            ),
            (
                _("Year"),
                _(
                    "A standard counts in the year of its due date: the last day "
                    "for the first contact, one month after the match for the "
                    "first month, the month's last day for regular contact, the "
                    "due date of a feedback talk, the end date of a tandem, the "
                    "match date for training and police clearance. Whole calendar "
                    "years are counted."
                ),
            ),
            (
                _("Decided standards only"),
                _(
                    "A standard counts once it is met or its due date (for a "
                    "feedback talk: the due date and 14 days) has passed, and not "
                    "for a tandem that ended before it was due."
                ),
            ),
            (
                _("Settings"),
                _(
                    "Every year is computed with the programme's current settings "
                    "(days, numbers of contacts, schedule of feedback talks): a "
                    "changed setting changes the rates of past years too."
                ),
            ),
            (
                _("Documented dates"),
                _(
                    "Only what is documented counts: key moments of a type marked "
                    "“Counts As Contact”, feedback and closing talks by the "
                    "category of their type, the dates of the tandem and the "
                    "mentor's training date. Archived tandems count too. The "
                    "anonymisation keeps all of them, so the figures of a closed "
                    "year do not change."
                ),
            ),
        ]

    def _write_quality_sheets(self, workbook):
        """The sheet “Quality Report”: per programme its standards × years
        (rate, met, applicable) and a line chart of the rates; the medians
        beside them and the definitions on sheets of their own."""
        _ = self.env._
        programs = self._programs()
        years = self._quality_years()
        report = self.env["mentoring.quality.report"]
        rates = report._yearly_rates(programs, years)
        medians = report._median_figures(programs, years)
        for key, values in report._relationship_figures(programs, years).items():
            medians.setdefault(key, {}).update(values)
        labels = self._selection_labels("mentoring.quality.report", "standard")
        figures = {
            "waiting_median": _("Median waiting time to a match (days)"),
            "first_contact_median": _(
                "Median days from the match to the first contact"
            ),
            "survey_score": _("Relationship quality in the feedback surveys (1–5)"),
            "survey_count": _("Feedback surveys answered"),
            "coordinator_rating": _(
                "Relationship quality rated by the coordinator (1–5)"
            ),
            "coordinator_count": _("Ratings by the coordinator"),
        }
        columns = [Column(_("Programme")), Column(_("Standard"))]
        columns += [Column(str(year), PERCENT) for year in years]
        for year in years:
            columns += [
                Column(_("Met %(year)s", year=year), INTEGER),
                Column(_("Applicable %(year)s", year=year), INTEGER),
            ]
        rows, charts, median_rows = [], [], []
        for program in programs:
            charts.append(
                {
                    "title": program.name,
                    "rows": list(range(len(rows) + 1, len(rows) + 1 + len(labels))),
                    "columns": list(range(2, len(years) + 2)),
                    "name_column": 1,
                }
            )
            for standard, label in labels.items():
                counts = [rates.get((program.id, year, standard)) for year in years]
                row = [program.name, label]
                row += [
                    self._ratio(count[1], count[0]) if count else None
                    for count in counts
                ]
                for count in counts:
                    row += [count[1], count[0]] if count else [0, 0]
                rows.append(row)
            for key, label in figures.items():
                # A count is 0 where nothing was counted; an average stays empty.
                empty = 0 if key in ("survey_count", "coordinator_count") else None
                median_rows.append(
                    [program.name, label]
                    + [
                        (medians.get((program.id, year)) or {}).get(key, empty)
                        for year in years
                    ]
                )
        sheet = workbook.add_table(_("Quality Report"), columns, rows)
        workbook.add_line_charts(sheet, charts, len(columns) + 1)
        # The medians are days, not shares: a sheet of their own.
        workbook.add_table(
            _("Quality Figures"),
            [Column(_("Programme")), Column(_("Figure"))]
            + [Column(str(year), DECIMAL) for year in years],
            median_rows,
        )
        all_labels = {**labels, **figures}
        workbook.add_table(
            _("Quality Definitions"),
            [Column(_("Figure")), Column(_("Definition"), LONG_TEXT)],
            [(all_labels[key], text) for key, text in self._quality_definitions()]
            + self._quality_general_definitions(),
        )

    # ------------------------------------------------------ tandem register

    def _write_register(self, workbook):
        _ = self.env._
        tandems = self.env["mentoring.tandem"].search(
            [
                ("program_id", "in", self._programs().ids),
                "|",
                ("date_requested", "=", False),
                ("date_requested", "<=", self.date_to),
                "|",
                ("date_ended", "=", False),
                ("date_ended", ">=", self.date_from),
            ],
            order="program_id, stage_id, name, id",
        )
        analysis = {
            row.id: row
            for row in self.env["mentoring.tandem.analysis"].search_fetch(
                [("id", "in", tandems.ids)],
                ["contact_count", "ending", "age_group", "health"],
            )
        }
        phases = self._selection_labels("mentoring.tandem", "phase")
        endings = self._selection_labels("mentoring.tandem.analysis", "ending")
        age_groups = self._selection_labels("mentoring.tandem.analysis", "age_group")
        health = self._selection_labels("mentoring.tandem.analysis", "health")
        columns = [
            Column(_("Tandem")),
            Column(_("Programme")),
            Column(_("Coordinator")),
            Column(_("Mentor")),
            Column(_("Mentee")),
            Column(_("Age group")),
            Column(_("Stage")),
            Column(_("Phase")),
            Column(_("Requested"), DATE),
            Column(_("Matched"), DATE),
            Column(_("Started"), DATE),
            Column(_("Planned end"), DATE),
            Column(_("Ended"), DATE),
            Column(_("Ending")),
            Column(_("End reason")),
            Column(_("Contacts"), INTEGER),
            Column(_("Last contact"), DATE),
            Column(_("Next check-in"), DATE),
            Column(_("Open conflict")),
            Column(_("Health")),
        ]
        yes_no = self._yes_no()
        rows = []
        for tandem in tandems:
            facts = analysis.get(tandem.id)
            rows.append(
                [
                    tandem.name,
                    tandem.program_id.name,
                    tandem.coordinator_id.name,
                    tandem.mentor_id.name,
                    tandem.mentee_id.name,
                    facts and age_groups.get(facts.age_group),
                    tandem.stage_id.name,
                    phases.get(tandem.phase),
                    tandem.date_requested,
                    tandem.date_matched,
                    tandem.date_started,
                    tandem.date_planned_end,
                    tandem.date_ended,
                    facts and endings.get(facts.ending),
                    tandem.end_reason_id.name,
                    facts.contact_count if facts else 0,
                    tandem.last_contact_date,
                    tandem.next_checkin_date,
                    yes_no[tandem.has_open_conflict],
                    facts and health.get(facts.health),
                ]
            )
        workbook.add_table(_("Tandems"), columns, rows)
        return _("Tandem register")

    # ------------------------------------------------------ key-moment log

    def _write_key_moment_log(self, workbook):
        _ = self.env._
        moments = self.env["mentoring.key.moment"].search(
            [
                ("program_id", "in", self._programs().ids),
                ("date", ">=", self.date_from),
                ("date", "<=", self.date_to),
            ],
            order="date, tandem_id, id",
        )
        fields_ = moments._fields
        # Read through the user's environment: what she may not read stays out.
        show_summary = fields_["summary"].is_accessible(self.env)
        show_notes = self.include_notes and fields_["notes"].is_accessible(self.env)
        qualities = self._selection_labels(
            "mentoring.key.moment", "relationship_quality"
        )
        qualities.pop("0", None)  # not rated: the cell stays empty
        columns = [
            Column(_("Date"), DATE),
            Column(_("Programme")),
            Column(_("Tandem")),
            Column(_("Type")),
            Column(_("Contact")),
            Column(_("Confidential")),
        ]
        if show_summary:
            columns.append(Column(_("Summary"), LONG_TEXT))
        columns += [Column(_("Relationship quality")), Column(_("Author"))]
        if show_notes:
            columns.append(Column(_("Notes"), LONG_TEXT))
        yes_no = self._yes_no()
        rows = []
        for moment in moments:
            row = [
                moment.date,
                moment.program_id.name,
                moment.tandem_id.name,
                moment.type_id.name,
                yes_no[moment.type_id.counts_as_contact],
                yes_no[moment.confidential],
            ]
            if show_summary:
                row.append(moment.summary)
            row += [qualities.get(moment.relationship_quality), moment.author_id.name]
            if show_notes:
                row.append(html2plaintext(moment.notes) if moment.notes else None)
            rows.append(row)
        workbook.add_table(_("Key moments"), columns, rows)
        return _("Key-moment log")
