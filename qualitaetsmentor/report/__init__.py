from . import mentoring_handover_dossier
