#!/usr/bin/env python3
"""Thin entry point: `python main.py [FILE] [--check | --list | --export OUT] ...` (see --help)."""

import sys

from timeline_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
