"""The toolkit's methods as first published, in Bulgarian: what ``load_methods`` puts in an empty
portal. Staff edit them in the portal afterwards; this is not read again once a method exists."""

from .methods_a import METHODS as A
from .methods_b import METHODS as B
from .methods_c import METHODS as C

METHODS = A + B + C
