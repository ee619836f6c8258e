from . import mentoring_mentor
from . import mentoring_tandem
