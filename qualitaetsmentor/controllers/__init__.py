from . import portal, survey
