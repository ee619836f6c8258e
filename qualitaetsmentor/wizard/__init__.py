from . import mentoring_handover_wizard
