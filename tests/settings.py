"""The portal's settings as pytest runs them: development mode unless the environment says otherwise.

DEBUG defaults to false, so a deployment that forgets it stays safe. Tests run as `make run` does
(DEBUG=true: the development secret key, plain HTTP); the tests of production settings start
`manage.py` with DEBUG=false and a real secret key in an environment of their own.
"""

import os

if not os.environ.get("DEBUG", "").strip():
    os.environ["DEBUG"] = "true"

from mvoi_portal.settings import *  # noqa: F403
