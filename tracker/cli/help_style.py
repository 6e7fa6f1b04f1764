"""Help text in plain words: `PATHS...`, `[table|json]`, `TEXT`, never Python types (`<list[Path]>`, `{ref}`).

Typer (0.2x) labels parameters with their Python annotations; the people reading `tracker --help` are
compliance officers, not Python programmers. This restyles the labels the way click itself writes them. It
touches typer's private parameter classes, so it is applied only where they look as expected, and
tests/cli/test_help.py reads every command's help for leftovers.
"""

from __future__ import annotations

from pathlib import Path

_NAMES = {str: "TEXT", int: "INTEGER", float: "NUMBER", Path: "PATH", bool: ""}


def _label(param) -> str:
    desc = param.type_descriptor
    if desc.is_choice:
        choices = [getattr(c, "value", c) for c in desc.choices or ()]
        label = "[" + "|".join(str(c) for c in choices) + "]"
    else:
        annotation = desc.annotation
        from typing import get_args, get_origin

        if get_origin(annotation) is list:
            annotation = get_args(annotation)[0]
        label = _NAMES.get(annotation, getattr(annotation, "__name__", "VALUE").upper())
    return label  # a repeatable option says so in its help; click writes no "..." for it either


def _usage_name(self) -> str:
    name = self.display_name_raw.upper()
    if self.nargs != 1:
        name += "..."
    return name if self.required else f"[{name}]"


def apply() -> None:
    from typer import core

    param = getattr(core, "_TyperParameter", None)
    argument = getattr(core, "TyperArgument", None)
    if param is None or argument is None or not hasattr(param, "display_type"):
        return  # another typer: its own labels stand
    for cls in (param, getattr(core, "TyperOption", param)):
        cls.display_type = lambda self, ctx: _label(self)
        cls.display_type_rich = lambda self, ctx: _label(self) or None
    # An argument is named in capitals (PATHS...), which says enough: no type after it, as in click.
    argument.display_type = lambda self, ctx: ""
    argument.display_type_rich = lambda self, ctx: None
    if hasattr(argument, "_usage_display_name"):
        argument._usage_display_name = _usage_name
    if hasattr(argument, "_rich_display_name"):
        argument._rich_display_name = lambda self: self.display_name_raw.upper() + ("..." if self.nargs != 1 else "")
