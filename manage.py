#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kp_tracker.settings")
    # Imports, migrations and building the downloads may run longer statements than a reader's
    # page may (DATABASE_STATEMENT_TIMEOUT): no limit for commands unless the environment sets one.
    os.environ.setdefault("DATABASE_STATEMENT_TIMEOUT", "0")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
