"""Reference data every test may rely on: the six themes, the sections and the 2022-2025 edition.

Migrations create it in the test database. Transactional tests (browser and server tests) end with a
flush that empties every table, this data included; the conftest hook puts it back right after such a
test, with the same loaders the portal's commands use.
"""

from guidance.reference import load_reference_data as load_guidance_reference_data
from manifest.reference import load_reference_data as load_manifest_reference_data


def restore_reference_data() -> None:
    load_guidance_reference_data()
    load_manifest_reference_data()
