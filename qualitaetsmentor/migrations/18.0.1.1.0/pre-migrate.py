"""Issue 14: the mentor's free text of availability becomes a note beside the
availability grid: the column is renamed, so that nothing is lost when the
old field goes."""

from odoo.tools.sql import column_exists, rename_column


def migrate(cr, version):
    if column_exists(cr, "mentoring_mentor", "availability") and not column_exists(
        cr, "mentoring_mentor", "availability_note"
    ):
        rename_column(cr, "mentoring_mentor", "availability", "availability_note")
