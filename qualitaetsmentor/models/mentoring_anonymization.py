from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import Command, api, models
from odoo.osv import expression
from odoo.tools import SQL, format_date

# Tracked fields whose history stays on an anonymised record: the statistics
# (phase history, dates, end reasons, programme) need them and they name no
# mentor, mentee or guardian.
KEPT_TRACKING = {
    "mentoring.tandem": {
        "stage_id",
        "program_id",
        "coordinator_id",
        "date_requested",
        "date_matched",
        "date_started",
        "date_planned_end",
        "date_ended",
        "end_reason_id",
    },
    "mentoring.mentor": {
        "status",
        "program_id",
        "consent_date",
        "consent_withdrawn_date",
    },
    "mentoring.mentee": {
        "status",
        "program_id",
        "consent_date",
        "consent_withdrawn_date",
    },
}

# Contact fields of res.partner kept when a contact is anonymised in place;
# every other text field is emptied, and these links are cleared.
KEPT_PARTNER_FIELDS = {"name", "lang", "tz", "type", "active", "company_id", "color"}
CLEARED_PARTNER_LINKS = {
    "res.country",
    "res.country.state",
    "res.partner.title",
    "res.partner.industry",
    "res.partner",
}

PLAN_KINDS = ("tandem", "mentor", "mentee", "police_clearance", "undated")


class MentoringAnonymization(models.AbstractModel):
    """Removes personal data once the programme's retention period is over.

    What goes, and when (doc/domain.md, Data protection):

    * a tandem that ended (closure phase, or archived) more than the
      programme's retention months ago loses its notes, key-moment summaries
      and notes, chatter messages, attachments and activities; its phases,
      dates, end reason, programme and key-moment types and dates stay;
    * a mentor or mentee in no running tandem, whose last tandem ended more
      than the retention months ago (or who left without a tandem, or
      withdrew the consent), loses name, contact data, notes and messages:
      the contact becomes "Anonymised mentor 17";
    * police-clearance facts go at most 3 months (per programme) after the
      mentor's last tandem ended, at once if she left without one.

    Nothing is anonymised while a tandem of the person is running. A tandem
    that ended without an end date is never anonymised automatically: the
    preview lists it so that an administrator enters the date.
    """

    _name = "mentoring.anonymization"
    _description = "Anonymisation of Personal Data"

    # ------------------------------------------------------------------
    # What is due
    # ------------------------------------------------------------------

    @api.model
    def _plan(self, today=None):
        """Everything past its time on `today`.

        :param today: the day to plan for (a local day); by default each
            record's organisation's local day (res.company's
            ``_mentoring_today``), so that a company in another time zone
            is not a day early or late
        :return: a dict with one list per kind of item, each item a tuple
            (record, reason, due date); records are in sudo mode.
        """
        env = self.sudo().with_context(active_test=False).env
        days = env["res.company"].search([])._mentoring_days()

        def local_day(company):
            return today or days.get(company) or company._mentoring_today()

        tandems = env["mentoring.tandem"]
        plan = {kind: [] for kind in PLAN_KINDS}
        ended = ["|", ("phase", "=", "closure"), ("active", "=", False)]
        not_done = [("date_anonymized", "=", False)]

        for tandem in tandems.search(not_done + ended + [("date_ended", "=", False)]):
            plan["undated"].append((tandem, "undated", False))

        due_tandems = {}
        for program in env["mentoring.program"].search([]):
            months = relativedelta(months=program.retention_months)
            for tandem in tandems.search(
                not_done
                + ended
                + [
                    ("program_id", "=", program.id),
                    ("date_ended", "<=", local_day(program.company_id) - months),
                ]
            ):
                due_tandems[tandem] = ("retention", tandem.date_ended + months)

        for kind in ("mentor", "mentee"):
            role = f"{kind}_id"
            running = {
                profile.id
                for [profile] in tandems._read_group(
                    [
                        (role, "!=", False),
                        ("active", "=", True),
                        ("phase", "!=", "closure"),
                    ],
                    [role],
                )
            }
            history = {
                profile.id: (last_end, dated, total)
                for profile, last_end, dated, total in tandems._read_group(
                    [(role, "!=", False)] + ended,
                    [role],
                    ["date_ended:max", "date_ended:count", "__count"],
                )
            }
            for profile in env[f"mentoring.{kind}"].search(
                not_done + [("id", "not in", list(running))]
            ):
                last_end, dated, total = history.get(profile.id, (False, 0, 0))
                program = profile.program_id
                day = local_day(profile.company_id)
                if profile.consent_withdrawn_date:
                    plan[kind].append(
                        (profile, "withdrawn", profile.consent_withdrawn_date)
                    )
                    for tandem in tandems.search(not_done + [(role, "=", profile.id)]):
                        due_tandems.setdefault(
                            tandem, ("withdrawn", profile.consent_withdrawn_date)
                        )
                    continue
                if dated < total:
                    continue  # a tandem ended without an end date: see "undated"
                if not total:
                    if profile._has_left():
                        plan[kind].append((profile, "left", day))
                    continue
                if profile._waits_for_new_tandem(last_end):
                    continue
                due = last_end + relativedelta(months=program.retention_months)
                if due <= day:
                    plan[kind].append((profile, "retention", due))
                elif kind == "mentor" and profile._has_police_clearance_facts():
                    due = last_end + relativedelta(
                        months=program.police_clearance_retention_months
                    )
                    if due <= day:
                        plan["police_clearance"].append(
                            (profile, "police_clearance", due)
                        )

        plan["tandem"] = [
            (tandem, reason, due) for tandem, (reason, due) in due_tandems.items()
        ]
        return plan

    @api.model
    def _records(self, plan, kind):
        model = (
            "mentoring.tandem"
            if kind in ("tandem", "undated")
            else ("mentoring.mentee" if kind == "mentee" else "mentoring.mentor")
        )
        return (
            self.env[model]
            .sudo()
            .with_context(active_test=False)
            .browse([record.id for record, _reason, _due in plan[kind]])
        )

    # ------------------------------------------------------------------
    # Running it
    # ------------------------------------------------------------------

    @api.model
    def _cron_anonymize(self):
        self._run(dry_run=False)

    @api.model
    def _run(self, dry_run=True, today=None):
        """Compute the plan and, unless `dry_run`, carry it out. Every run
        leaves a mentoring.anonymization.log, which names no person."""
        plan = self._plan(today)
        # The day written on anonymised records: the running company's.
        today = today or self.env.company._mentoring_today()
        values = {
            "dry_run": dry_run,
            "user_id": self.env.uid,
            "details": self._details(plan),
            **self._count(plan),
        }
        if not dry_run:
            self._apply(plan, today)
        log = self.env["mentoring.anonymization.log"].sudo().create(values)
        return plan, log

    def _count(self, plan):
        env = self.sudo().env
        tandems = self._records(plan, "tandem")
        mentors = self._records(plan, "mentor")
        mentees = self._records(plan, "mentee")
        partners, _labels = self._partners_to_anonymize(mentors, mentees)
        messages = env["mail.message"].search(
            self._message_domain(tandems, mentors, mentees, partners)
        )
        attachments = env["ir.attachment"].search(
            self._attachment_domain(tandems, mentors, mentees, partners)
        )
        clearances = self._records(plan, "police_clearance") | mentors.filtered(
            lambda mentor: mentor._has_police_clearance_facts()
        )
        return {
            "tandem_count": len(tandems),
            "mentor_count": len(mentors),
            "mentee_count": len(mentees),
            "police_clearance_count": len(clearances),
            "partner_count": len(partners),
            "message_count": len(messages),
            "attachment_count": len(attachments),
            "undated_count": len(plan["undated"]),
        }

    def _details(self, plan):
        """One line per item: number, programme and reason, never a name."""
        line_fields = self.env["mentoring.anonymization.wizard.line"]._fields
        kinds = dict(line_fields["kind"]._description_selection(self.env))
        reasons = dict(line_fields["reason"]._description_selection(self.env))
        lines = []
        for kind in PLAN_KINDS:
            for record, reason, due in plan[kind]:
                values = {
                    "kind": kinds[kind],
                    "number": record.id,
                    "program": record.program_id.name,
                    "reason": reasons[reason],
                }
                if due:
                    lines.append(
                        self.env._(
                            "%(kind)s %(number)s (%(program)s): %(reason)s, due "
                            "since %(date)s",
                            date=format_date(self.env, due),
                            **values,
                        )
                    )
                else:
                    lines.append(
                        self.env._(
                            "%(kind)s %(number)s (%(program)s): %(reason)s", **values
                        )
                    )
        return "\n".join(lines)

    def _apply(self, plan, today):
        context = {"active_test": False, "tracking_disable": True}
        tandems = self._records(plan, "tandem").with_context(**context)
        mentors = self._records(plan, "mentor").with_context(**context)
        mentees = self._records(plan, "mentee").with_context(**context)
        clearances = self._records(plan, "police_clearance").with_context(**context)
        env = tandems.env
        partners, guardian_labels = self._partners_to_anonymize(mentors, mentees)
        partners = partners.with_env(env)
        when = format_date(env, today)
        # A mentor's portal user goes with her contact: login and password
        # removed, archived and queued for deletion, as Odoo deletes a portal
        # account its owner closes (issue 15, item 11).
        portal_users = env["res.users"].search(
            [("partner_id", "in", partners.ids), ("share", "=", True)]
        )
        portal_users = portal_users.with_context(mentoring_anonymizing=True)
        portal_users._deactivate_portal_user()
        portal_users.write({"active": False})

        # First what hangs on the records: files, activities, messages.
        env["ir.attachment"].search(
            self._attachment_domain(tandems, mentors, mentees, partners)
        ).unlink()
        for records in (tandems, mentors, mentees, partners):
            env["mail.activity"].search(
                [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            ).unlink()
        for records in (tandems, mentors, mentees):
            self._scrub_messages(records, partners)
        env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        ).unlink()
        # What they wrote elsewhere keeps its text but loses the address.
        env["mail.message"].search([("author_id", "in", partners.ids)]).write(
            {"email_from": False, "reply_to": False}
        )
        env["mentoring.personal.data.export"].search(
            ["|", ("mentor_id", "in", mentors.ids), ("mentee_id", "in", mentees.ids)]
        ).unlink()
        self._scrub_survey_answers(tandems, mentors, mentees, partners)

        # The profiles: a contact nobody else uses is anonymised in place; a
        # contact used elsewhere (a user, an invoice...) stays as it is and
        # the profile moves to a new neutral contact.
        labels = dict(guardian_labels)
        for profiles in (mentors, mentees):
            detached = profiles.filtered(
                lambda profile: profile.partner_id not in partners
            )
            neutral = env["res.partner"].create(
                [
                    {"name": profile._anonymized_label(), "active": False}
                    for profile in detached
                ]
            )
            for profile, partner in zip(detached, neutral, strict=True):
                profile.partner_id = partner
            labels.update(
                (profile.partner_id, profile._anonymized_label())
                for profile in profiles - detached
            )
        self._anonymize_partners(labels)
        common = {
            "notes": False,
            "consent_scope": False,
            "active": False,
            "date_anonymized": today,
        }
        note = Markup("<p>%s</p>") % env._(
            "Personal data anonymised on %(date)s.", date=when
        )
        # The facts the statistics of past years need stay: the year of a
        # mentor's screening outlives the clearance date it was computed from.
        screened = env["mentoring.mentor"]._fields["screened_year"]
        with env.protecting([screened], mentors | clearances):
            self._anonymize_profiles(mentors, mentees, common, note)
            names = clearances._police_clearance_fields()
            clearances.write(dict.fromkeys(names, False))
            clearances.flush_recordset()
        self._remove_tracking(clearances, names)
        clearances._message_log_batch(
            dict.fromkeys(
                clearances.ids,
                Markup("<p>%s</p>")
                % env._(
                    "Police-clearance facts removed on %(date)s: the retention "
                    "period after the last tandem has ended.",
                    date=when,
                ),
            )
        )

        # The tandems: a key moment keeps its type and date, its summary
        # becomes the type's name in the language of the organisation.
        by_lang = defaultdict(tandems.browse)
        for tandem in tandems:
            by_lang[tandem.company_id.partner_id.lang or env.lang] |= tandem
        for lang, group in by_lang.items():
            moments = group.key_moment_ids.with_context(lang=lang)
            for moment_type in moments.type_id:
                moments.filtered(
                    lambda moment, t=moment_type: moment.type_id == t
                ).write({"summary": moment_type.name, "notes": False})
        tandems.write({"description": False, "date_anonymized": today})
        tandems._compute_name()
        tandems._message_log_batch(
            dict.fromkeys(
                tandems.ids,
                Markup("<p>%s</p>")
                % env._(
                    "Notes, messages and attachments removed on %(date)s; the "
                    "dates, phases and key-moment types stay for the statistics.",
                    date=when,
                ),
            )
        )
        # Previews list the people by name: they are out of date now.
        env["mentoring.anonymization.wizard"].search([]).unlink()

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    @staticmethod
    def _anonymize_profiles(mentors, mentees, common, note):
        for profiles in (mentors, mentees):
            # one write per set of equal values (the mentees' age groups differ)
            # (the values hold x2many commands, lists: grouped by their repr)
            groups = {}
            for profile in profiles:
                values = profile._anonymized_values()
                key = repr(sorted(values.items()))
                values, group = groups.get(key, (values, profiles.browse()))
                groups[key] = (values, group | profile)
            for values, group in groups.values():
                group.write({**values, **common})
            profiles._message_log_batch(dict.fromkeys(profiles.ids, note))

    def _partners_to_anonymize(self, mentors, mentees):
        """The contacts of these profiles that can be anonymised in place, and
        the label of each guardian among them.

        A contact is anonymised in place when nothing but these profiles uses
        it: no profile that stays, no internal user or company, no child
        contact, and no record of another application (found through the
        foreign keys of the database, as the partner merge does it). A portal
        user (a mentor invited to the portal) does not keep the contact: it
        is removed with it (``_apply``).
        """
        env = self.sudo().with_context(active_test=False).env
        profile_partners = mentors.partner_id | mentees.partner_id
        candidates = profile_partners | mentees.guardian_id
        if not candidates:
            return env["res.partner"], {}
        leaving = {(mentor._name, mentor.id) for mentor in mentors} | {
            (mentee._name, mentee.id) for mentee in mentees
        }
        used = set(self._partners_used_elsewhere(candidates.ids))
        for model, names in (
            ("mentoring.mentor", ("partner_id",)),
            ("mentoring.mentee", ("partner_id", "guardian_id")),
        ):
            for name in names:
                for profile in env[model].search(
                    [(name, "in", candidates.ids), ("date_anonymized", "=", False)]
                ):
                    if (model, profile.id) not in leaving:
                        used.add(profile[name].id)
        partners = candidates.filtered(lambda partner: partner.id not in used)
        labels = {}
        for mentee in mentees:
            guardian = mentee.guardian_id
            if guardian in partners and guardian not in profile_partners:
                labels.setdefault(
                    guardian,
                    mentee._label_env()._(
                        "Anonymised guardian %(number)s", number=mentee.id
                    ),
                )
        return partners.with_env(env), labels

    def _scrub_survey_answers(self, tandems, mentors, mentees, partners):
        """Remove the personal data of the feedback survey answers (issue 15,
        item 11): the answers of anonymised tandems and those the anonymised
        people gave (the mentor's on her tandems, the family's on the
        mentee's, any answer of an anonymised contact) lose their free texts
        (text and comment lines are deleted), their contact, e-mail address,
        name and chatter. The score, feedback point, audience and dates stay:
        facts for the figures, which name nobody. Open invitations are
        deleted."""
        env = tandems.env
        Answer = env["survey.user_input"].with_context(active_test=False)
        answers = Answer.search(
            expression.OR(
                [
                    [("mentoring_tandem_id", "in", tandems.ids)],
                    [("partner_id", "in", partners.ids)],
                    [
                        ("mentoring_tandem_id.mentor_id", "in", mentors.ids),
                        ("mentoring_audience", "=", "mentor"),
                    ],
                    [
                        ("mentoring_tandem_id.mentee_id", "in", mentees.ids),
                        ("mentoring_audience", "=", "family"),
                    ],
                ]
            )
        )
        # An open invitation holds no answer yet: it goes, so that its link
        # no longer opens (issue 15).
        open_answers = answers.filtered(lambda answer: answer.state != "done")
        open_answers.unlink()
        answers -= open_answers
        if not answers:
            return
        # Free texts and the comments of choices are the only texts of a line.
        answers.user_input_line_ids.filtered(
            lambda line: line.answer_type in ("text_box", "char_box")
        ).unlink()
        answers.write({"partner_id": False, "email": False, "nickname": False})
        env["mail.message"].search(
            [("model", "=", "survey.user_input"), ("res_id", "in", answers.ids)]
        ).unlink()

    def _partners_used_elsewhere(self, partner_ids):
        """Contacts referenced from outside QualitätsMENTOR and the chatter.
        A feedback survey answer linked to a tandem does not count: its
        contact is removed from it with the person (``_scrub_survey_answers``,
        issue 15, item 11)."""
        cr = self.env.cr
        ignored = {"res_partner_res_partner_category_rel"}
        for model in self.env.registry.values():
            if model._transient or model._name.startswith("mentoring."):
                ignored.add(model._table)
                ignored.update(
                    field.relation
                    for field in model._fields.values()
                    if field.type == "many2many" and field.store
                )
        # The foreign keys to res_partner, as Odoo's partner merge finds them.
        foreign_keys = self.env["base.partner.merge.automatic.wizard"]._get_fk_on(
            "res_partner"
        )
        used = set()
        for table, column in foreign_keys:
            if table in ignored or table.startswith(("mail_", "mentoring_")):
                continue
            query = SQL(
                "SELECT DISTINCT %s FROM %s WHERE %s = ANY(%s)",
                SQL.identifier(column),
                SQL.identifier(table),
                SQL.identifier(column),
                list(partner_ids),
            )
            if table == "res_partner":
                # A contact points at itself as its commercial entity.
                query = SQL("%s AND id != %s", query, SQL.identifier(column))
            elif table == "res_users":
                # A portal user is removed with the contact (_apply).
                query = SQL("%s AND share IS NOT TRUE", query)
            elif table == "survey_user_input":
                # Feedback answers of a tandem lose the contact (_apply).
                query = SQL("%s AND mentoring_tandem_id IS NULL", query)
            cr.execute(query)
            used.update(row[0] for row in cr.fetchall())
        return used

    def _anonymize_partners(self, labels):
        """Replace the name of each contact by its label and empty every
        other text of it; archive it."""
        if not labels:
            return
        Partner = (
            self.env["res.partner"]
            .sudo()
            .with_context(tracking_disable=True, active_test=False)
        )
        # The coordinates (base_geolocalize) locate the home as the address
        # does: 0/0 is "none", as Odoo's geolocation writes it.
        values = {
            "image_1920": False,
            "partner_latitude": 0.0,
            "partner_longitude": 0.0,
            "date_localization": False,
        }
        for name, field in Partner._fields.items():
            if (
                name in KEPT_PARTNER_FIELDS
                or not field.store
                or field.compute
                or field.related
                or field.readonly
            ):
                continue
            if field.type in ("char", "text", "html"):
                values[name] = False
            elif (
                field.type == "many2one" and field.comodel_name in CLEARED_PARTNER_LINKS
            ):
                values[name] = False
            elif (
                field.type == "many2many"
                and field.comodel_name == "res.partner.category"
            ):
                values[name] = [Command.clear()]
        partners = Partner.browse(partner.id for partner in labels)
        partners.write(values)
        # Archived apart, with active_test: Odoo refuses to archive a contact
        # of a user and, without active_test, counts the portal user archived
        # a moment ago (_apply) as one.
        partners.with_context(active_test=True).write({"active": False})
        for partner, label in zip(partners, labels.values(), strict=True):
            partner.name = label

    @staticmethod
    def _message_domain(tandems, mentors, mentees, partners):
        return expression.OR(
            [[("id", "=", 0)]]
            + [
                [("model", "=", records._name), ("res_id", "in", records.ids)]
                for records in (tandems, mentors, mentees, partners)
                if records
            ]
        )

    def _attachment_domain(self, tandems, mentors, mentees, partners):
        messages = (
            self.env["mail.message"]
            .sudo()
            .search(self._message_domain(tandems, mentors, mentees, partners))
        )
        return expression.OR(
            [[("id", "in", messages.attachment_ids.ids)]]
            + [
                [("res_model", "=", records._name), ("res_id", "in", records.ids)]
                for records in (
                    tandems,
                    tandems.key_moment_ids,
                    mentors,
                    mentees,
                    partners,
                )
                if records
            ]
        )

    def _scrub_messages(self, records, partners):
        """Empty the chatter of anonymised records: bodies, subjects and
        addresses go, and every tracking value but the statistical ones; a
        message with nothing left is deleted."""
        env = records.env
        messages = env["mail.message"].search(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        )
        if not messages:
            return
        kept = KEPT_TRACKING[records._name]
        messages.tracking_value_ids.filtered(
            lambda value: value.field_id.name not in kept
        ).unlink()
        env["mail.mail"].search([("mail_message_id", "in", messages.ids)]).unlink()
        messages = messages.exists()
        messages.write(
            {
                "body": "",
                "subject": False,
                "email_from": False,
                "reply_to": False,
                "record_name": False,
                "attachment_ids": [Command.clear()],
            }
        )
        messages.filtered(lambda message: message.author_id in partners).write(
            {"author_id": False}
        )
        messages.filtered(lambda message: not message.tracking_value_ids).unlink()

    def _remove_tracking(self, records, field_names):
        messages = records.env["mail.message"].search(
            [("model", "=", records._name), ("res_id", "in", records.ids)]
        )
        values = messages.tracking_value_ids.filtered(
            lambda value: value.field_id.name in field_names
        )
        touched = values.mail_message_id
        values.unlink()
        touched.filtered(
            lambda message: (
                not message.tracking_value_ids and not (message.body or "").strip()
            )
        ).unlink()
