from . import mentoring_tandem_analysis
from . import mentoring_quality_report
from . import mentoring_relationship_report
