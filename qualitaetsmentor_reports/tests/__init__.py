from . import test_tandem_analysis
from . import test_funder_statistics
from . import test_tandem_register
from . import test_key_moment_log
from . import test_export_wizard
from . import test_readonly_statistics
from . import test_translations
from . import test_export_tour
