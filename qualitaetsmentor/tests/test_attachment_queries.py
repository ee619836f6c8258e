from unittest.mock import patch

from odoo.tests import new_test_user

from odoo.addons.qualitaetsmentor.models.ir_attachment import IrAttachment

from .common import MentoringCase


def _odoo_alone():
    """Our attachment override switched off: searching and reading as Odoo
    does without our addons."""
    return patch.multiple(
        IrAttachment,
        _search=lambda self, *args, **kwargs: super(IrAttachment, self)._search(
            *args, **kwargs
        ),
        check=lambda self, *args, **kwargs: super(IrAttachment, self).check(
            *args, **kwargs
        ),
    )


class TestAttachmentQueries(MentoringCase):
    """Hiding the attachments of tandems and profiles from read-only users
    (README.md, Data protection) costs nobody else a query: an attachment
    search or read of Odoo (the mail composer, the chatter) stays as cheap
    as without our addons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = new_test_user(
            cls.env,
            login="qm_employee",
            name="Ida Innendienst",
            groups="base.group_user",
        )
        cls.readonly = cls._viewer(cls.program_a, "qm_board", "Vera Vorstand")
        # Files the user uploaded herself, e.g. into the mail composer.
        cls.uploads = (
            cls.env["ir.attachment"]
            .with_user(cls.employee)
            .create([{"name": f"upload{i}.txt", "raw": b"text"} for i in range(3)])
        )
        cls.tandem_files = cls.env["ir.attachment"].create(
            [
                {
                    "name": f"tandem{i}.txt",
                    "raw": b"text",
                    "res_model": "mentoring.tandem",
                    "res_id": cls.tandem_a.id,
                }
                for i in range(3)
            ]
        )

    def _queries(self, user, attachments):
        """The queries of searching ``attachments`` and reading them as
        ``user``, and what she found."""
        found = None
        for _warm_up in range(2):  # the second run: with warm ormcaches
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            found = (
                self.env["ir.attachment"]
                .with_user(user)
                .search([("id", "in", attachments.ids)])
            )
            found.read(["name", "datas"])
            count = self.env.cr.sql_log_count - before
        return count, found

    def test_internal_user_without_our_groups_pays_nothing(self):
        with _odoo_alone():
            alone, found_alone = self._queries(self.employee, self.uploads)
        ours, found = self._queries(self.employee, self.uploads)
        self.assertEqual(found, self.uploads)
        self.assertEqual(found_alone, self.uploads)
        self.assertEqual(ours, alone)

    def test_coordinator_pays_nothing(self):
        with _odoo_alone():
            alone, _found = self._queries(self.coordinator_a, self.tandem_files)
        ours, found = self._queries(self.coordinator_a, self.tandem_files)
        self.assertEqual(found, self.tandem_files)
        self.assertEqual(ours, alone)

    def test_readonly_user_is_checked(self):
        with _odoo_alone():
            alone, found_alone = self._queries(self.readonly, self.tandem_files)
        self.assertEqual(found_alone, self.tandem_files, "Odoo alone shows them")
        _ours, found = self._queries(self.readonly, self.tandem_files)
        self.assertFalse(found, "the read-only user finds none of them")
