from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError

# Attachments of these records hold what the record's sensitive fields hold.
PROTECTED_MODELS = (
    "mentoring.tandem",
    "mentoring.key.moment",
    "mentoring.mentor",
    "mentoring.mentee",
)
READONLY = "qualitaetsmentor.group_readonly"
COORDINATOR = "qualitaetsmentor.group_coordinator"


class IrAttachment(models.Model):
    """Reading an attachment of a tandem, key moment or profile needs the
    right to edit that record: read-only users read the board, not the
    documents behind it."""

    _inherit = "ir.attachment"

    def _protected_check_needed(self):
        """Whether the current user may read a tandem, key moment or profile
        that she cannot edit, so that an attachment may be hidden from her.

        Only a read-only user (group read-only without the coordinator role)
        can: users without our groups read none of these records (Odoo's own
        check of the attachment's record refuses them); a coordinator or
        administrator edits every such record she reads, as her record rules
        are the same for reading and writing and the roles rule keeps a
        read-only user of a programme from being a coordinator
        (``res.users._mentoring_check_roles``). The group lookup is cached:
        every other user pays no query for this override.
        """
        if self.env.is_superuser():
            return False
        user = self.env.user
        return user._has_group(READONLY) and not user._has_group(COORDINATOR)

    def _protected_forbidden_ids(self, attachment_ids):
        """The attachments among `attachment_ids` whose record the current
        user may read but not edit."""
        self.flush_model(["res_model", "res_id"])
        self.env.cr.execute(
            "SELECT id, res_model, res_id FROM ir_attachment "
            "WHERE id IN %s AND res_model IN %s AND res_id IS NOT NULL",
            [tuple(attachment_ids), PROTECTED_MODELS],
        )
        by_record = defaultdict(lambda: defaultdict(set))
        for attachment_id, res_model, res_id in self.env.cr.fetchall():
            by_record[res_model][res_id].add(attachment_id)
        forbidden = set()
        for res_model, attachments in by_record.items():
            records = (
                self.env[res_model].with_context(active_test=False).browse(attachments)
            )
            writable = set(records._filtered_access("write").ids)
            for res_id, ids in attachments.items():
                if res_id not in writable:
                    forbidden |= ids
        return forbidden

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        query = super()._search(domain, offset, limit, order)
        if query.is_empty() or not self._protected_check_needed():
            return query
        ids = query.get_result_ids()
        forbidden = self._protected_forbidden_ids(ids) if ids else set()
        if not forbidden:
            return query
        return self.browse([id_ for id_ in ids if id_ not in forbidden])._as_query(
            order
        )

    @api.model
    def check(self, mode, values=None):
        result = super().check(mode, values)
        if mode == "read" and self and self._protected_check_needed():
            if self._protected_forbidden_ids(self.ids):
                raise AccessError(
                    self.env._("Sorry, you are not allowed to access this document.")
                )
        return result
