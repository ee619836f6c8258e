from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize, format_date

# The address and coordinates of the contact, edited on the profile form
# (issue 14, item 3); written to the contact together, in one write.
LOCATION_FIELDS = ("street", "zip", "city", "partner_latitude", "partner_longitude")

# The roles of QualitätsMENTOR (security/qualitaetsmentor_security.xml).
ADMIN = "qualitaetsmentor.group_admin"
COORDINATOR = "qualitaetsmentor.group_coordinator"
READONLY = "qualitaetsmentor.group_readonly"


class MentoringProfileMixin(models.AbstractModel):
    """What mentor and mentee profiles share.

    A profile sits on a contact (res.partner) for name and address, but keeps
    everything sensitive on the profile itself, where record rules limit who
    reads it: every internal user can read every contact.
    """

    _name = "mentoring.profile.mixin"
    _description = "Mentoring Profile"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _rec_name = "name"

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    name = fields.Char(related="partner_id.name", readonly=False, store=True)
    email = fields.Char(related="partner_id.email", readonly=False)
    phone = fields.Char(related="partner_id.phone", readonly=False)
    program_id = fields.Many2one(
        "mentoring.program",
        string="Programme",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self._default_program(),
    )
    company_id = fields.Many2one(
        related="program_id.company_id", store=True, index=True
    )
    active = fields.Boolean(default=True)
    consent_date = fields.Date(
        "Data-protection Consent",
        tracking=True,
        groups=COORDINATOR,
        help="Date of the signed consent to store and process the personal data.",
    )
    notes = fields.Html(groups=COORDINATOR)
    consent_scope = fields.Text(
        groups=COORDINATOR,
        help="What the signed consent covers, as on the form: for example "
        "storing contact and matching data, passing the phone number to the "
        "mentor, photos.",
    )
    consent_withdrawn_date = fields.Date(
        "Consent Withdrawn",
        tracking=True,
        groups=COORDINATOR,
        help="The person withdrew the consent on this day. The personal data "
        "is anonymised as soon as no running tandem needs it.",
    )
    # Matching criteria shared by both sides (issue 14): tags and grid cells
    # of the same models, so that suggestions compare them in SQL.
    language_ids = fields.Many2many(
        "mentoring.language",
        string="Languages",
        groups=COORDINATOR,
        help="The languages the person speaks.",
    )
    interest_ids = fields.Many2many(
        "mentoring.interest",
        string="Interests",
        groups=COORDINATOR,
        help="Interests and hobbies, for shared activities of a tandem.",
    )
    availability_ids = fields.Many2many(
        "mentoring.availability.slot",
        groups=COORDINATOR,
        help="Weekdays and parts of the day on which the person has time.",
    )
    gender_preferences = fields.Boolean(related="program_id.gender_preferences")
    # The location is the contact's (issue 14, item 3): coordinates come from
    # base_geolocalize (Geolocate) or by hand; 0/0 means none.
    street = fields.Char(
        related="partner_id.street", readonly=False, groups=COORDINATOR
    )
    zip = fields.Char(related="partner_id.zip", readonly=False, groups=COORDINATOR)
    city = fields.Char(related="partner_id.city", readonly=False, groups=COORDINATOR)
    partner_latitude = fields.Float(
        related="partner_id.partner_latitude", readonly=False, groups=COORDINATOR
    )
    partner_longitude = fields.Float(
        related="partner_id.partner_longitude", readonly=False, groups=COORDINATOR
    )
    date_anonymized = fields.Date(
        "Anonymised On",
        readonly=True,
        copy=False,
        help="The name, contact data and notes of this profile were replaced "
        "on this day; only what the statistics need is left.",
    )

    @api.model
    def _default_program(self):
        """The programme of a new record when the user has one choice: the
        only programme she coordinates; without one, the only programme she
        may read (an administrator setting up her first programme). Otherwise
        False: she chooses, and the form says so.

        :return: a mentoring.program record or False
        """
        Program = self.env["mentoring.program"]
        for domain in ([("coordinator_ids", "in", self.env.uid)], []):
            programs = Program.search(domain, limit=2)
            if programs:
                return programs if len(programs) == 1 else False
        return False

    @api.constrains("consent_date", "consent_withdrawn_date")
    def _check_consent_dates(self):
        for profile in self:
            today = profile.company_id._mentoring_today()
            for day in (profile.consent_date, profile.consent_withdrawn_date):
                if day and day > today:
                    raise ValidationError(
                        self.env._(
                            "The consent of %(name)s is dated %(date)s, in the "
                            "future. Record it on the day it was signed or "
                            "withdrawn.",
                            name=profile.name,
                            date=format_date(self.env, day),
                        )
                    )
            if (
                profile.consent_withdrawn_date
                and profile.consent_date
                and profile.consent_withdrawn_date < profile.consent_date
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot withdraw the consent (%(withdrawn)s) "
                        "before giving it (%(given)s).",
                        name=profile.name,
                        withdrawn=format_date(self.env, profile.consent_withdrawn_date),
                        given=format_date(self.env, profile.consent_date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # Creating a profile from its own form creates the contact it sits on.
        # The values are copied: an import retries a failed batch row by row
        # with the same dicts, and must not get a contact rolled back since.
        partners = self.env["res.partner"]
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if not vals.get("partner_id") and vals.get("name"):
                vals["partner_id"] = partners.create(
                    {
                        "name": vals["name"],
                        "email": vals.pop("email", False),
                        "phone": vals.pop("phone", False),
                        **self._pop_location(vals),
                    }
                ).id
        locations = [self._pop_location(vals) for vals in vals_list]
        profiles = super().create(vals_list)
        for profile, location in zip(profiles, locations, strict=True):
            if location:
                profile._write_location(location)
        profiles.filtered("consent_withdrawn_date")._consent_withdrawn()
        return profiles

    def _load_records_create(self, vals_list):
        """Imports: one person is one contact, one profile per programme.

        :param vals_list: the values of the imported rows, in file order
        :return: the profiles of the rows, in the same order

        A row whose e-mail address a contact already has (a guardian, a
        mentor of another programme, the row of an earlier import) is put on
        that contact instead of a new one; when that contact already has a
        profile of this kind in the row's programme, the row updates it.
        Otherwise the Art. 15 export and the anonymisation (Art. 17 DSGVO),
        which follow the contact, would miss the copy.

        Odoo's import matches rows only by external or database id, and the
        OCA's base_import_match only on stored fields of the imported model;
        the profile's e-mail is a related field of its contact, so neither
        finds the person: hence this override (import only, ``import_file``).
        """
        if not self.env.context.get("import_file"):
            return super()._load_records_create(vals_list)
        profiles = [None] * len(vals_list)
        pending = list(enumerate(dict(vals) for vals in vals_list))
        while pending:
            # A second row with an address of this batch waits for the
            # contact that the first one creates.
            to_create, deferred, seen = [], [], set()
            for index, vals in pending:
                email = email_normalize(vals.get("email") or "")
                if email in seen:
                    deferred.append((index, vals))
                    continue
                if email:
                    seen.add(email)
                profile = self._import_match(vals, email)
                if profile:
                    profile.write(vals)
                    profiles[index] = profile
                else:
                    to_create.append((index, vals))
            created = super()._load_records_create([vals for _i, vals in to_create])
            for (index, _vals), profile in zip(to_create, created, strict=True):
                profiles[index] = profile
            pending = deferred
        return self.browse([profile.id for profile in profiles])

    def _import_match(self, vals, email):
        """Put an imported row on the existing contact with its e-mail
        address (changes ``vals``) and give the profile of this kind that
        contact already has in the row's programme, if any."""
        if not email or vals.get("partner_id"):
            return self.browse()
        # Searched as superuser: the person may be known to the organisation
        # through another programme's profile the importing user cannot read.
        partner = (
            self.env["res.partner"]
            .sudo()
            .search([("email_normalized", "=", email)], order="id", limit=1)
        )
        if not partner:
            return self.browse()
        vals["partner_id"] = partner.id
        # The contact keeps its data where the row leaves a cell empty.
        for name in ("name", "email", "phone"):
            if not vals.get(name):
                vals.pop(name, None)
        program_id = (
            vals.get("program_id")
            or (self._default_program() or self.env["mentoring.program"]).id
        )
        return self.with_context(active_test=False).search(
            [("partner_id", "=", partner.id), ("program_id", "=", program_id)],
            limit=1,
        )

    # The fields naming the contacts of the people of a profile (the mentee
    # adds her guardian); see _keep_people_protected.
    _person_fields = ("partner_id",)

    def _keep_people_protected(self, vals=None):
        """Keep the contacts that these profiles name (``_person_fields``)
        protected after the profile lets go of them: each keeps the
        profile's programme as a former one (res.partner's
        ``mentoring_former_program_ids``), so that only that programme's
        coordinators and the administrators read it (Art. 5 (1) f DSGVO).

        :param vals: the values of a write (only the people it replaces are
            kept), or None for a deletion (all of them)
        """
        fnames = [f for f in self._person_fields if vals is None or f in vals]
        for profile in self.sudo():
            for fname in fnames:
                partner = profile[fname]
                if partner and (vals is None or vals[fname] != partner.id):
                    partner.mentoring_former_program_ids = [
                        Command.link(profile.program_id.id)
                    ]

    def unlink(self):
        self._keep_people_protected()
        return super().unlink()

    def write(self, vals):
        self._keep_people_protected(vals)
        withdrawn = self.browse()
        if vals.get("consent_withdrawn_date"):
            withdrawn = self.filtered(
                lambda profile: not profile.consent_withdrawn_date
            )
        vals = dict(vals)
        location = self._pop_location(vals)
        result = super().write(vals)
        if location:
            self.check_access("write")
            self._write_location(location)
        withdrawn._consent_withdrawn()
        return result

    @staticmethod
    def _pop_location(vals):
        """Take the address and coordinates out of ``vals``.

        :param vals: the values of a create or write, changed in place
        :return: the values for the contact, to write in one go: the
            contact resets its coordinates when its address changes alone
            (base_geolocalize), so address and coordinates entered together
            must reach it together
        """
        return {name: vals.pop(name) for name in LOCATION_FIELDS if name in vals}

    def _write_location(self, location):
        """Write address and coordinates to the contacts of these profiles.

        A coordinate entered with the address keeps the other coordinate of
        its contact: the contact would reset both otherwise
        (base_geolocalize resets them when only the address changes).
        """
        coordinates = ("partner_latitude", "partner_longitude")
        given = [name for name in coordinates if name in location]
        if len(given) != 1:
            self.partner_id.write(location)
            return
        (other,) = set(coordinates) - set(given)
        for profile in self:
            profile.partner_id.write({other: profile.partner_id[other], **location})

    def action_geolocate(self):
        """Find the coordinates of the contact's address (Geolocate).

        Asks the geocoder of base_geolocalize (OpenStreetMap unless the
        administrator chose another). Writes the coordinates only when it
        found a place; otherwise a UserError says why and nothing changes.

        :return: True
        :raise UserError: no address, no geocoder reached, or no place found
        """
        self.ensure_one()
        self.check_access("write")
        partner = self.partner_id
        if not (partner.street or partner.zip or partner.city):
            raise UserError(
                self.env._(
                    "%(name)s has no address yet. Enter street, postcode and "
                    "city first, or the coordinates by hand.",
                    name=self.name,
                )
            )
        Partner = self.env["res.partner"].with_context(lang="en_US")
        try:
            result = Partner._geo_localize(
                partner.street,
                partner.zip,
                partner.city,
                partner.state_id.name,
                partner.country_id.with_context(lang="en_US").name,
            )
        except UserError as error:
            raise UserError(
                self.env._(
                    "The server could not reach a geocoding service "
                    "(OpenStreetMap), so the address of %(name)s was not "
                    "located. Enter the coordinates by hand, or ask the "
                    "administrator to allow the server to reach it.",
                    name=self.name,
                )
            ) from error
        if not result:
            raise UserError(
                self.env._(
                    "No place was found for the address of %(name)s. Check "
                    "street, postcode and city, or enter the coordinates by hand.",
                    name=self.name,
                )
            )
        partner.write(
            {
                "partner_latitude": result[0],
                "partner_longitude": result[1],
                "date_localization": self.company_id._mentoring_today(),
            }
        )
        return True

    def _role_label(self):
        """The role of the person in a tandem, as a word for messages."""
        return {
            "mentoring.mentor": self.env._("mentor"),
            "mentoring.mentee": self.env._("mentee"),
        }[self._name]

    def _label_env(self):
        """The environment in the language of the programme's organisation,
        for the texts that replace personal data."""
        self.ensure_one()
        lang = self.company_id.partner_id.lang or self.env.lang
        return self.with_context(lang=lang).env

    def _anonymized_label(self):
        self.ensure_one()
        env = self._label_env()
        if self._name == "mentoring.mentor":
            return env._("Anonymised mentor %(number)s", number=self.id)
        return env._("Anonymised mentee %(number)s", number=self.id)

    # The status a profile takes from its tandems (issue 13, item 3): the
    # status of a profile in a matched tandem, of one whose last tandem
    # ended, of one waiting for a (first or new) tandem, and the statuses a
    # coordinator sets by hand that no tandem changes (a paused mentor).
    _status_matched = "active"
    _status_ended = "ended"
    _status_waiting = "ready"
    _status_manual = ()

    def _follow_tandems(self):
        """Let the status of these profiles follow their tandems.

        A profile in a tandem in matching or accompaniment (not archived)
        takes ``_status_matched``; one that had it and has no such tandem any
        more takes ``_status_ended`` when one of its tandems ended (closure or
        archived), else ``_status_waiting`` (the tandem went back before the
        match). A status in ``_status_manual`` stays, and so does one set by
        hand after the end (marked ready or waiting for another tandem: then
        the retention rules of a waiting profile apply, see
        ``_waits_for_new_tandem``). Called by mentoring.tandem after every
        change of stage, people or archiving.
        """
        profiles = self.sudo().exists()
        if not profiles:
            return
        tandems = (
            self.env["mentoring.tandem"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(
                [(self._tandem_field, "in", profiles.ids)],
                [self._tandem_field, "phase", "active"],
            )
        )
        new_status = {}
        for profile in profiles:
            own = tandems.filtered(lambda t, p=profile: t[self._tandem_field] == p)
            matched = any(
                t.active and t.phase in ("matching", "accompaniment") for t in own
            )
            if profile.status in self._status_manual:
                continue
            if matched:
                status = self._status_matched
            elif profile.status == self._status_matched:
                # A tandem that went back before the match keeps her waiting,
                # whatever earlier tandems of hers ended.
                back = any(t.active and t.phase != "closure" for t in own)
                ended = any(not t.active or t.phase == "closure" for t in own)
                status = (
                    self._status_ended if ended and not back else self._status_waiting
                )
            else:
                continue
            if status != profile.status:
                new_status.setdefault(status, profiles.browse())
                new_status[status] |= profile
        for status, changed in new_status.items():
            changed.write({"status": status})

    def _running_tandems(self):
        return self.env["mentoring.tandem"].search(
            [(self._tandem_field, "in", self.ids), ("phase", "!=", "closure")]
        )

    def _consent_withdrawn(self):
        """Record a withdrawal on the profile and ask the coordinator of every
        running tandem to close it: only then can the data go. The open
        feedback survey invitations of the profile's tandems are deleted
        (nothing new is collected after a withdrawal)."""
        self.env["mentoring.tandem"].sudo().with_context(active_test=False).search(
            [(self._tandem_field, "in", self.ids)]
        )._feedback_drop_open_answers()
        for profile in self:
            running = profile._running_tandems()
            when = format_date(self.env, profile.consent_withdrawn_date)
            if running:
                body = self.env._(
                    "Consent withdrawn on %(date)s. The personal data is "
                    "anonymised once the running tandems have ended.",
                    date=when,
                )
            else:
                body = self.env._(
                    "Consent withdrawn on %(date)s. The personal data is "
                    "anonymised at the next run of the anonymisation.",
                    date=when,
                )
            profile.message_post(
                body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note"
            )
            role = profile._role_label()
            for tandem in running.sudo():
                # Never to a user who may not read the tandem's names.
                user = tandem.with_env(self.env)._plan_user()
                if not user:
                    continue
                tandem.activity_schedule(
                    "mail.mail_activity_data_todo",
                    summary=self.env._("Consent withdrawn"),
                    note=self.env._(
                        "The %(role)s of this tandem withdrew the "
                        "data-protection consent on %(date)s. Close the tandem "
                        "so that the personal data can be anonymised.",
                        role=role,
                        date=when,
                    ),
                    user_id=user.id,
                )

    def action_export_personal_data(self):
        """Art. 15 DSGVO: everything stored about this person, as a file."""
        self.ensure_one()
        if not self.env.user.has_group("qualitaetsmentor.group_admin"):
            raise AccessError(
                self.env._(
                    "Only an administrator of QualitätsMENTOR can export the "
                    "personal data of a person."
                )
            )
        export = self.env["mentoring.personal.data.export"].create(
            {self._tandem_field: self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Personal Data Export"),
            "res_model": export._name,
            "res_id": export.id,
            "view_mode": "form",
            "target": "new",
        }

    def _compute_tandem_count(self):
        counts = dict(
            self.env["mentoring.tandem"]._read_group(
                [(self._tandem_field, "in", self.ids)],
                [self._tandem_field],
                ["__count"],
            )
        )
        for profile in self:
            profile.tandem_count = counts.get(profile, 0)

    def action_open_tandems(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "qualitaetsmentor.mentoring_tandem_action"
        )
        action["domain"] = [(self._tandem_field, "=", self.id)]
        action["context"] = {
            "default_program_id": self.program_id.id,
            f"default_{self._tandem_field}": self.id,
        }
        return action

    def action_create_tandem(self):
        """Open a new tandem with this person and her programme filled in
        (issue 13, item 4).

        :return: the tandem form as a window action
        """
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Tandem"),
            "res_model": "mentoring.tandem",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_program_id": self.program_id.id,
                f"default_{self._tandem_field}": self.id,
            },
        }
