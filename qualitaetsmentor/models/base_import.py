from odoo import models

from odoo.addons.base_import.models.base_import import check_patterns

# German spreadsheets write dates with dots, day first: 03.04.2026 is the
# 3rd of April. No locale writes the month first with dots.
DAY_FIRST_PATTERNS = ["%d.%m.%Y", "%d.%m.%y"]


class BaseImport(models.TransientModel):
    _inherit = "base_import.import"

    def _try_match_date_time(self, preview_values, options):
        """Dotted dates in a file for one of QualitätsMENTOR's records are
        day first, whatever the language of the importing user.

        :param preview_values: the values of one column of the preview
        :param options: the import options; ``date_format`` is set to a
            day-first format when the column holds dotted dates that the
            format chosen so far (by the user or an earlier column) does
            not read
        :return: the field types the column may be imported into

        Odoo guesses the format from the user's language and then tries the
        month first: for an English interface ``03.04.2026`` became the 4th
        of March, silently (issue 11, case 10). A format that reads the
        column stays as chosen; columns without dotted dates are Odoo's
        guess.
        """
        values = [value for value in preview_values if value]
        chosen = options.get("date_format")
        if (
            (self.res_model or "").startswith("mentoring.")
            and values
            and not (chosen and check_patterns([chosen], values))
        ):
            match = check_patterns(DAY_FIRST_PATTERNS, values)
            if match:
                options["date_format"] = match
                return ["date", "datetime"]
        return super()._try_match_date_time(preview_values, options)

    def execute_import(self, fields, columns, options, dryrun=False):
        """Odoo's import; its test run (``dryrun``) of a file for one of
        QualitätsMENTOR's records also says which columns match no field.

        :param fields: the field path of each column, ``False`` for a column
            mapped to nothing
        :param columns: the column headers (the import screen sends them in
            lower case)
        :return: Odoo's result; in a test run with unmapped columns, a
            warning about them first in ``messages`` (no ``record`` key: the
            import screen shows it above the table, as a message of the whole
            file)

        Odoo drops such a column silently and its test run says
        "Everything seems valid" (issue 13, item 11): a header the import
        does not recognise, e.g. a typo or an English header for a German
        user, would lose a whole column of data.
        """
        result = super().execute_import(fields, columns, options, dryrun=dryrun)
        if not (dryrun and (self.res_model or "").startswith("mentoring.")):
            return result
        pairs = zip(fields, columns, strict=True)
        unmapped = [column for field, column in pairs if not field and column]
        if unmapped:
            names = ", ".join(f'"{column}"' for column in unmapped)
            message = (
                self.env._(
                    "The column %(columns)s matches no field and would not be "
                    "imported. Choose a field for it, or remove it from the file.",
                    columns=names,
                )
                if len(unmapped) == 1
                else self.env._(
                    "The columns %(columns)s match no field and would not be "
                    "imported. Choose a field for each, or remove them from the "
                    "file.",
                    columns=names,
                )
            )
            result["messages"] = [
                {"type": "warning", "message": message, "unmapped_columns": unmapped},
                *result.get("messages", []),
            ]
        return result
