from odoo import api, models


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    @api.model
    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        """Load the translations, then give the activity states of
        QualitätsMENTOR's records the labels of Odoo's mail addon.

        Odoo names the selection values of a field inherited from
        ``mail.activity.mixin`` after the mail addon
        (``mail.selection__<model>__activity_state__overdue``), and mail's
        translation files carry them only for Odoo's own models: a German
        session read "Overdue", "Today", "Planned" on tandems and profiles.
        Copied here whenever terms are loaded (installing or updating the
        addon, installing a language), so that no translation file of ours
        has to repeat mail's terms.
        """
        result = super()._load_module_terms(
            modules, langs, overwrite=overwrite, imported_module=imported_module
        )
        # Our labels (``ours``) win over mail's: only missing languages come.
        self.env.cr.execute(
            """
            UPDATE ir_model_fields_selection ours
               SET name = mail.name || ours.name
              FROM ir_model_fields field, ir_model_fields mixin_field,
                   ir_model_fields_selection mail
             WHERE ours.field_id = field.id
               AND field.name = 'activity_state'
               AND field.model LIKE %s
               AND mixin_field.model = 'mail.activity.mixin'
               AND mixin_field.name = 'activity_state'
               AND mail.field_id = mixin_field.id
               AND mail.value = ours.value
               AND ours.name IS DISTINCT FROM mail.name || ours.name
            """,
            ["mentoring.%"],
        )
        if self.env.cr.rowcount:
            self.env["ir.model.fields.selection"].invalidate_model(["name"])
            self.env.registry.clear_cache()
        return result
