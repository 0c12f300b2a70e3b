"""Fonts for every script the documents print: discovery, static instancing, per-script choice, coverage.

Renderers need one thing from here: a `FontSet` built from the layout's font roles, which says which
face draws each piece of a line and lists the faces to register.
"""

from briefpack.fonts.errors import FontError
from briefpack.fonts.resolver import FontFace, FontSet, ScriptUse
from briefpack.fonts.scripts import Script, script_of, split_by_script

__all__ = ["FontError", "FontFace", "FontSet", "Script", "ScriptUse", "script_of", "split_by_script"]
