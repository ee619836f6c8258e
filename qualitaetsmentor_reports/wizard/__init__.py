from . import mentoring_report_export
