{
    "name": "QualitätsMENTOR Reporting",
    "version": "18.0.1.0.0",
    "category": "Services/Mentoring",
    "sequence": 41,
    "summary": "Tandem analysis and funder reporting: annual statistics, tandem "
    "register and key-moment log as Excel workbooks",
    "author": "QualitätsMENTOR",
    "website": "https://github.com/qualitaetsmentor/qualitaetsmentor",
    "license": "LGPL-3",
    "depends": ["qualitaetsmentor"],
    "data": [
        "security/qualitaetsmentor_reports_security.xml",
        "security/ir.model.access.csv",
        "report/mentoring_tandem_analysis_views.xml",
        "wizard/mentoring_report_export_views.xml",
        "views/qualitaetsmentor_reports_menus.xml",
    ],
    "demo": [
        "demo/qualitaetsmentor_reports_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "qualitaetsmentor_reports/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
