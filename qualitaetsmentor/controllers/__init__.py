from . import portal
from . import portal_family
from . import survey
