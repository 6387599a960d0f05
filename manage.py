#!/usr/bin/env python
import os
import sys

# Commands that write source files (migrations, translations) never serve the portal: they run in
# development mode unless DEBUG says otherwise, so they work on a fresh checkout without a secret key
# (with DEBUG off the settings refuse to load, and Django then reports "Models aren't loaded yet").
AUTHORING_COMMANDS = {"makemigrations", "makemessages", "compilemessages"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mvoi_portal.settings")
    if len(sys.argv) > 1 and sys.argv[1] in AUTHORING_COMMANDS:
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
