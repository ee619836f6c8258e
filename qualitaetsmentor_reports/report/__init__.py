from . import mentoring_tandem_analysis
