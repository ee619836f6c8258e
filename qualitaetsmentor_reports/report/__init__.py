from . import mentoring_tandem_analysis
from . import mentoring_quality_report
