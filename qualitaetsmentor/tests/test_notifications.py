"""Notifications of a tandem's chatter reach only who may read it: a
notification carries the tandem's name (mentor and mentee) and the
message."""

from odoo import Command
from odoo.tests.common import new_test_user

from .common import MentoringCase


class TestNotifications(MentoringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.viewer = cls._viewer(cls.program_a, "qm_notify_viewer", "Renate Vorstand")
        cls.internal = new_test_user(
            cls.env, login="qm_notify_internal", groups="base.group_user"
        )
        cls.colleague = cls._coordinator("qm_notify_colleague", "Clara Kollegin")
        cls.program_a.coordinator_ids = [Command.link(cls.colleague.id)]
        cls.people = (
            cls.viewer | cls.internal | cls.colleague | cls.coordinator_b
        ).partner_id

    def _notified(self, **post):
        message = self.tandem_a.with_user(self.coordinator_a).message_post(
            body="Emil hat Geburtstag", message_type="comment", **post
        )
        return message.notification_ids.res_partner_id

    def test_followers_without_access_are_not_notified(self):
        # Followers who cannot read the tandem: e.g. left over from before
        # a handover, or subscribed through the API.
        self.tandem_a.message_subscribe(
            partner_ids=(self.people | self.mentor_a.partner_id).ids
        )
        notified = self._notified(subtype_xmlid="mail.mt_comment")
        self.assertEqual(
            notified & (self.people | self.mentor_a.partner_id),
            self.colleague.partner_id | self.mentor_a.partner_id,
        )

    def test_recipients_without_access_are_not_notified(self):
        notified = self._notified(
            partner_ids=self.people.ids, subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(notified & self.people, self.colleague.partner_id)
