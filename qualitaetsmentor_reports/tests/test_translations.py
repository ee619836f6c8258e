from odoo.addons.qualitaetsmentor.tests import test_translations


class TestReportTranslations(test_translations.TestTranslations):
    """Every string of the reports addon ships in German."""

    module = "qualitaetsmentor_reports"
