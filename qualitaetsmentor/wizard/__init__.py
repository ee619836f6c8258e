from . import mentoring_anonymization_wizard
from . import mentoring_anonymization_wizard_line
from . import mentoring_personal_data_export
from . import mentoring_handover_wizard
from . import mail_activity_schedule
from . import mentoring_key_moment_delete
from . import mentoring_tandem_end
from . import portal_wizard_user
