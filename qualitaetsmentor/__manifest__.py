{
    "name": "QualitätsMENTOR",
    "version": "18.0.1.0.0",
    "category": "Services/Mentoring",
    "sequence": 40,
    "summary": "Quality-assured mentoring programmes: tandems, key moments, "
    "standards and handover",
    "author": "QualitätsMENTOR",
    "website": "https://github.com/qualitaetsmentor/qualitaetsmentor",
    "license": "LGPL-3",
    "depends": ["mail", "contacts"],
    "data": [
        "security/qualitaetsmentor_security.xml",
        "security/ir.model.access.csv",
        "data/mentoring_stage_data.xml",
        "data/mentoring_key_moment_type_data.xml",
        "data/mentoring_end_reason_data.xml",
        "views/mentoring_program_views.xml",
        "views/mentoring_stage_views.xml",
        "views/mentoring_tag_views.xml",
        "views/mentoring_key_moment_type_views.xml",
        "views/mentoring_end_reason_views.xml",
        "views/mentoring_mentor_views.xml",
        "views/mentoring_mentee_views.xml",
        "views/mentoring_key_moment_views.xml",
        "views/mentoring_tandem_views.xml",
        "views/qualitaetsmentor_menus.xml",
    ],
    "demo": [
        "demo/qualitaetsmentor_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "qualitaetsmentor/static/tests/tours/**/*",
        ],
    },
    "installable": True,
    "application": True,
}
