from . import mentoring_clearance_expiry
from . import mentoring_mentor
from . import mentoring_tandem
