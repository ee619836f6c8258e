from odoo import api, models


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model
    def _find_allowed_model_wise(self, doc_model, doc_dict):
        """Searching messages follows the document's read access; on our
        records it follows _get_mail_message_access (edit access for the
        tandem), so that read-only users find no chatter to read."""
        allowed = super()._find_allowed_model_wise(doc_model, doc_dict)
        if not doc_model.startswith("mentoring."):
            return allowed
        documents = self.env[doc_model].with_context(active_test=False).browse(doc_dict)
        operation = documents._get_mail_message_access(list(doc_dict), "read")
        if operation == "read":
            return allowed
        permitted = set(documents._filtered_access(operation).ids)
        return {
            message_id
            for doc_id, message_ids in doc_dict.items()
            if doc_id in permitted
            for message_id in message_ids
            if message_id in allowed
        }
