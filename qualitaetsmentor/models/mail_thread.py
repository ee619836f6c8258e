from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _notify_get_recipients(self, message, msg_vals=False, **kwargs):
        """Leave out the internal users who may not read the chatter of this
        QualitätsMENTOR record (on a tandem: who may not edit it).

        A notification carries the record's name (on a tandem the names of
        mentor and mentee) and the message; a follower who lost her access
        (a coordinator after the handover, one removed from the programme)
        or an internal user added as a recipient must not receive it
        (Art. 5 (1) f DSGVO). Contacts without a user (a mentor, a guardian
        written to on purpose) and portal users stay recipients.

        :return: the recipient data of ``super()`` (list of dicts, see
            ``mail.followers._get_recipient_data``) without those users
        """
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self or not self._name.startswith("mentoring.") or not recipients:
            return recipients
        operation = self._get_mail_message_access(self.ids, "read")
        records = self.with_context(active_test=False)
        allowed = {}
        kept = []
        for data in recipients:
            uid = data.get("uid")
            if uid and not data.get("ushare"):
                if uid not in allowed:
                    readable = records.with_user(uid)._filtered_access(operation)
                    allowed[uid] = len(readable) == len(records)
                if not allowed[uid]:
                    continue
            kept.append(data)
        return kept
