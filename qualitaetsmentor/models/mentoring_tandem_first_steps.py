"""The first steps after installing: what the board and the start page say
while no programme exists (issue "An administrator's first hour")."""

from markupsafe import Markup, escape

from odoo import api, models

from .mentoring_profile_mixin import ADMIN, COORDINATOR

# Where the first step starts: a new programme (the web client's URL of the
# programmes' action with a new record).
NEW_PROGRAM_URL = "/odoo/action-qualitaetsmentor.mentoring_program_action/new"


class MentoringTandem(models.Model):
    _inherit = "mentoring.tandem"

    @api.model
    def get_empty_list_help(self, help_message):
        """The help of an empty board or start page. Odoo reads it from the
        window action (``ir.actions.act_window.read``) through this method.

        While the user may read no programme, it is about the first steps
        instead of tandems, by role: an administrator of QualitätsMENTOR gets
        the three steps and a button to the first (create a programme); a
        coordinator or read-only user is told to ask the administrator to
        add her to a programme. Otherwise the action's own help.

        :param help_message: the action's help (HTML)
        :return: the help to show (HTML)
        """
        # The web client reads the action as superuser: count the programmes
        # the user herself may read.
        if self.env["mentoring.program"].sudo(False).search_count([], limit=1):
            return super().get_empty_list_help(help_message)
        _ = self.env._
        if self.env.user.has_group(ADMIN):
            steps = Markup("").join(
                Markup("<li>%s</li>") % step
                for step in (
                    _(
                        "Create a programme (Patenschaftsprojekt) with its "
                        "quality standards."
                    ),
                    _(
                        "Give your coordinators the role “QualitätsMENTOR / "
                        "Coordinator”: Settings → Users & Companies → Users, "
                        "tab Access Rights."
                    ),
                    _("Add them to the programme's coordinators."),
                )
            )
            return Markup(
                '<p class="o_view_nocontent_smiling_face">%s</p>'
                '<ol class="d-inline-block text-start">%s</ol>'
                '<p><a class="btn btn-primary" href="%s">%s</a></p>'
            ) % (
                _("Set up QualitätsMENTOR in three steps"),
                steps,
                NEW_PROGRAM_URL,
                _("Create a Programme"),
            )
        if self.env.user.has_group(COORDINATOR):
            text = _(
                "You do not coordinate a programme yet. Ask your "
                "administrator of QualitätsMENTOR to add you to the "
                "coordinators of your programme."
            )
        else:
            text = _(
                "You do not have read access to a programme yet. Ask your "
                "administrator of QualitätsMENTOR to add you to the read-only "
                "users of a programme."
            )
        return Markup('<p class="o_view_nocontent_empty_folder">%s</p><p>%s</p>') % (
            _("No programme yet"),
            escape(text),
        )
