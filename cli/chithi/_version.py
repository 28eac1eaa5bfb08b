"""The package version, in a module of its own so that importing it imports nothing else."""

from __future__ import annotations

__version__ = "0.2.0"
