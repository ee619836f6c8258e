from . import test_access
from . import test_board_tour
from . import test_key_moment
from . import test_performance
from . import test_profiles
from . import test_tandem
from . import test_translations
from . import test_web_client
