{
    "name": "QualitätsMENTOR Auswertungen",
    "version": "18.0.1.0.0",
    "category": "Services/Mentoring",
    "sequence": 41,
    "summary": "Adds to QualitätsMENTOR the tandem analysis (pivot, graph) and "
    "Excel workbooks for funders: annual statistics, tandem register and "
    "key-moment log",
    "author": "QualitätsMENTOR",
    "license": "LGPL-3",
    "depends": ["qualitaetsmentor"],
    "data": [
        "security/qualitaetsmentor_reports_security.xml",
        "security/ir.model.access.csv",
        "report/mentoring_tandem_analysis_views.xml",
        "report/mentoring_quality_report_views.xml",
        "report/mentoring_relationship_report_views.xml",
        "wizard/mentoring_report_export_views.xml",
        "views/mentoring_tandem_views.xml",
        "views/qualitaetsmentor_reports_menus.xml",
    ],
    "demo": [
        "demo/qualitaetsmentor_reports_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "qualitaetsmentor_reports/static/src/**/*",
        ],
        "web.assets_tests": [
            "qualitaetsmentor_reports/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": False,
}
