"""python -m chithi"""

from __future__ import annotations

from chithi.app import main

main()
