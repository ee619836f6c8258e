from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_list

from odoo.addons.base.models.res_users import is_reified_group

from .mentoring_profile_mixin import ADMIN, COORDINATOR, READONLY
from .mentoring_tandem import RUNNING_PHASES

# What a user's roles and memberships are made of: the rule of README.md
# (Data protection, Who sees it) is checked whenever one of them changes.
MEMBERSHIP_FIELDS = frozenset({"mentoring_program_ids", "mentoring_viewer_program_ids"})
ROLE_FIELDS = MEMBERSHIP_FIELDS | {"groups_id"}
# Records whose activities name mentors and mentees (their record name).
NAMED_MODELS = ("mentoring.tandem", "mentoring.mentor", "mentoring.mentee")
# Records whose open activities a leaving coordinator hands over.
HANDED_OVER_MODELS = (*NAMED_MODELS, "mentoring.program")


def removes_links(commands):
    """Whether the x2many ``commands`` of a write can take records out of
    the field (anything but adding): only then a member may be leaving."""
    if not commands:
        return False
    return any(
        not isinstance(command, (list, tuple))
        or command[0] not in (Command.CREATE, Command.LINK)
        for command in commands
    )


class ResUsers(models.Model):
    _inherit = "res.users"

    # The record rules read these lists instead of following
    # program_id.coordinator_ids from every record: Odoo checks rules on
    # loaded records in Python, and a plain id list is what the board can
    # afford for every card. Archived programmes stay in the lists, as they
    # stayed visible to their coordinators before.
    mentoring_program_ids = fields.Many2many(
        "mentoring.program",
        "mentoring_program_coordinator_rel",
        "user_id",
        "program_id",
        string="Coordinated Programmes",
        context={"active_test": False},
    )
    mentoring_viewer_program_ids = fields.Many2many(
        "mentoring.program",
        "mentoring_program_viewer_rel",
        "user_id",
        "program_id",
        string="Programmes with Read Access",
        context={"active_test": False},
    )

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        # A new user is a member of a programme only through these fields.
        if any(MEMBERSHIP_FIELDS & vals.keys() for vals in vals_list):
            users._mentoring_check_roles()
            self.env.registry.clear_cache()
        return users

    def _notify_security_setting_update(
        self, subject, content, mail_values=None, **kwargs
    ):
        """No "your login changed" e-mail to a person whose portal account the
        anonymisation removes: it would keep her name and address in the
        mail queue (mentoring.anonymization._apply)."""
        if self.env.context.get("mentoring_anonymizing"):
            return None
        return super()._notify_security_setting_update(
            subject, content, mail_values=mail_values, **kwargs
        )

    def write(self, vals):
        if "active" in vals and not vals["active"]:
            self.filtered("active")._mentoring_check_leaving()
        users = self.sudo().with_context(active_test=False)
        coordinated = (
            {user: user.mentoring_program_ids for user in users}
            if removes_links(vals.get("mentoring_program_ids"))
            else {}
        )
        result = super().write(vals)
        if coordinated:
            # Read again from the database, archived programmes included.
            users.invalidate_recordset(["mentoring_program_ids"])
        for user, before in coordinated.items():
            user._mentoring_check_leaving_programs(before - user.mentoring_program_ids)
        # The user form writes the groups through its reified fields
        # (in_group_*, sel_groups_*), which end in a write of groups_id.
        if ROLE_FIELDS & vals.keys() or any(is_reified_group(key) for key in vals):
            self._mentoring_check_roles()
        if MEMBERSHIP_FIELDS & vals.keys():
            # The rules put the ids into their cached domains.
            self.env.registry.clear_cache()
        return result

    def action_archive(self):
        # Before mail's action_archive, which deletes the user's activities.
        self.filtered("active")._mentoring_check_leaving()
        return super().action_archive()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_mentoring_coordinator(self):
        self._mentoring_check_leaving()

    def _mentoring_holdings(self, running, activities):
        """What a leaving coordinator still holds, as parts of a sentence
        ("coordinates 2 running tandems", "has an open activity on …"),
        singular for one.

        :param running: number of running tandems she coordinates
        :param activities: number of her open activities on tandems,
            profiles or programmes
        :return: list of translated strings, empty for nothing
        """
        reasons = []
        if running:
            reasons.append(
                self.env._("coordinates a running tandem")
                if running == 1
                else self.env._("coordinates %(count)s running tandems", count=running)
            )
        if activities:
            reasons.append(
                self.env._("has an open activity on a tandem, profile or programme")
                if activities == 1
                else self.env._(
                    "has %(count)s open activities on tandems, profiles or programmes",
                    count=activities,
                )
            )
        return reasons

    def _mentoring_check_leaving_programs(self, programs):
        """Refuse to take this user from the coordinators of ``programs``
        (mentoring.program records) while she coordinates running tandems of
        them or holds open activities on their tandems, profiles or the
        programmes: she would no longer read them, but keep their names on
        her activities and get their reminders. The handover wizard moves
        them to a successor first.

        :raise UserError: naming the user, what she still holds and where
            the handover is
        """
        self.ensure_one()
        if not programs:
            return
        env = self.sudo().with_context(active_test=False).env
        running = env["mentoring.tandem"].search_count(
            [
                ("program_id", "in", programs.ids),
                ("coordinator_id", "=", self.id),
                ("phase", "in", RUNNING_PHASES),
            ]
        )
        domains = [
            [("res_model", "=", "mentoring.program"), ("res_id", "in", programs.ids)]
        ] + [
            [
                ("res_model", "=", model),
                (
                    "res_id",
                    "in",
                    env[model]._search([("program_id", "in", programs.ids)]),
                ),
            ]
            for model in NAMED_MODELS
        ]
        activities = env["mail.activity"].search_count(
            expression.AND([[("user_id", "=", self.id)], expression.OR(domains)])
        )
        reasons = self._mentoring_holdings(running, activities)
        if reasons:
            raise UserError(
                self.env._(
                    "%(user)s still %(reasons)s of %(programs)s. Hand them over "
                    "first: QualitätsMENTOR → Configuration → Hand Over Tandems, "
                    "with “Leaves the Programmes” ticked. Otherwise she would keep "
                    "the names of mentors and mentees on her activities without "
                    "being allowed to read them.",
                    user=self.name,
                    reasons=format_list(self.env, reasons),
                    programs=", ".join(programs.mapped("name")),
                )
            )

    def _mentoring_check_roles(self):
        """One rule for roles and memberships (README.md, Data protection,
        Who sees it), whichever way they change: the groups of the user (also
        through the user form), a new user, the programme's coordinators and
        read-only users, the user's programme lists.

        * a read-only user of a programme never holds the coordinator role
          (the administrator role includes it);
        * a coordinator of a programme holds the coordinator role;
        * a read-only user of a programme holds the read-only role.

        A change that breaks it is refused; nothing is granted or removed
        silently. Called after the write, when Odoo has added the implied
        groups.
        """
        members = (
            self.sudo()
            .with_context(active_test=False)
            .filtered(
                lambda user: (
                    user.mentoring_program_ids or user.mentoring_viewer_program_ids
                )
            )
        )
        # Through the cached xmlid lookup: users without a membership, as in
        # most of Odoo's own changes of users and groups, cost no more.
        xmlid_to_id = self.env["ir.model.data"]._xmlid_to_res_id
        coordinator = self.env["res.groups"].browse(xmlid_to_id(COORDINATOR))
        readonly = self.env["res.groups"].browse(xmlid_to_id(READONLY))
        for user in members:
            groups = user.groups_id
            read = user.mentoring_viewer_program_ids
            coordinated = user.mentoring_program_ids
            # Also made coordinator of a programme: the role would follow.
            if read and (coordinator in groups or coordinated):
                raise ValidationError(
                    self.env._(
                        "%(user)s is a read-only user of %(programs)s and cannot "
                        "have the coordinator role as well: it would show every "
                        "name and note of these programmes. An administrator "
                        "first removes %(user)s from their read-only users "
                        "(Programme → Data Protection → Read-only Users).",
                        user=user.name,
                        programs=", ".join(read.mapped("name")),
                    )
                )
            if coordinated and coordinator not in groups:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a coordinator of %(programs)s and needs the "
                        "group “QualitätsMENTOR / Coordinator” (Settings → "
                        "Users). Give the group first, or remove %(user)s from "
                        "the coordinators of these programmes.",
                        user=user.name,
                        programs=", ".join(coordinated.mapped("name")),
                    )
                )
            if read and readonly not in groups:
                raise ValidationError(
                    self.env._(
                        "%(user)s is a read-only user of %(programs)s and needs "
                        "the group “QualitätsMENTOR / Read-only” (Settings → "
                        "Users). Give the group first, or remove %(user)s from "
                        "the read-only users of these programmes.",
                        user=user.name,
                        programs=", ".join(read.mapped("name")),
                    )
                )

    def _mentoring_can_coordinate(self, program):
        """Whether this user may be responsible for records of ``program``
        and so read the names of its mentors and mentees (a tandem's record
        name): an active internal user of the programme's company who is one
        of its coordinators with the coordinator role, or an administrator
        of QualitätsMENTOR. Read from the user's fields, without evaluating
        the record rules, so that the scheduled action can ask it for
        thousands of tandems."""
        if not self:
            return False
        self.ensure_one()
        user = self.sudo()
        if not user.active or user.share or not program:
            return False
        if program.company_id not in user.company_ids:
            return False
        # _has_group: cached per user, no query per tandem.
        if user._has_group(ADMIN):
            return True
        return user._has_group(COORDINATOR) and program in user.mentoring_program_ids

    def _mentoring_check_leaving(self):
        """Refuse to archive or delete a user who still coordinates running
        tandems or a programme, or holds open activities on QualitätsMENTOR's
        records: Odoo would delete her open activities, and the scheduled
        action would give the next reminders to a user who can no longer log
        in. The handover wizard moves all of it to a successor."""
        if not self:
            return
        running = dict(
            self.env["mentoring.tandem"]
            .sudo()
            ._read_group(
                [
                    ("coordinator_id", "in", self.ids),
                    ("phase", "in", RUNNING_PHASES),
                ],
                ["coordinator_id"],
                ["__count"],
            )
        )
        activities = dict(
            self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", self.ids),
                    ("res_model", "in", HANDED_OVER_MODELS),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        for user in self.sudo():
            reasons = self._mentoring_holdings(running.get(user), 0)
            if user.mentoring_program_ids:
                reasons.append(
                    self.env._(
                        "is a coordinator of %(programs)s",
                        programs=", ".join(user.mentoring_program_ids.mapped("name")),
                    )
                )
            reasons += self._mentoring_holdings(0, activities.get(user))
            if reasons:
                raise UserError(
                    self.env._(
                        "%(user)s still %(reasons)s. Hand them over first: "
                        "QualitätsMENTOR → Configuration → Hand Over Tandems, "
                        "with “Leaves the Programmes” ticked. Then archive the "
                        "user. Otherwise Odoo would delete the open activities "
                        "and give the next reminders to a user who can no "
                        "longer log in.",
                        user=user.name,
                        reasons=format_list(self.env, reasons),
                    )
                )
