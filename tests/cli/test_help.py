"""Every registered command and sub-command has help with an example (its docstring is its --help)."""

import typer.main

from tracker.cli.app import app


def _is_group(command) -> bool:
    # Typer ships its own copy of click, so test for the group interface rather than a class.
    return hasattr(command, "commands")


def _commands(group, path: tuple[str, ...] = ()):
    yield path, group
    if _is_group(group):
        for name, command in group.commands.items():
            yield from _commands(command, path + (name,))


def test_every_command_and_sub_command_has_help_with_an_example():
    root = typer.main.get_command(app)
    missing = []
    commands = list(_commands(root))
    for path, command in commands[1:]:
        text = command.help or ""
        if _is_group(command):
            ok = bool(text.strip())  # a group's own help; its commands are checked one by one
        else:
            ok = "Example" in text and "tracker " in text.split("Example", 1)[1]
        if not ok:
            missing.append(" ".join(path))
    assert len(commands) > 1
    assert missing == [], f"commands without help and an example: {missing}"


def test_help_of_every_command_renders_without_error(run_cli):
    root = typer.main.get_command(app)
    for path, _ in list(_commands(root))[1:]:
        result = run_cli(*path, "--help", db=False)
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output


def test_the_command_table_lists_what_the_modules_register_with_their_help():
    """`tracker --help` is listed from COMMANDS without importing the command modules: each entry must name
    the module that registers the command, and its summary must shorten as the command's own help does."""
    from importlib import import_module

    from typer.core import TyperCommand

    from tracker.cli.app import COMMANDS

    registered = {}
    for module in {m for m, _ in COMMANDS.values()}:
        own = typer.Typer()
        import_module(f"tracker.cli.{module}").register(own)
        registered.update({name: (module, command) for name, command in typer.main.get_group(own).commands.items()})
    assert set(registered) == set(COMMANDS)
    for name, (module, summary) in COMMANDS.items():
        assert registered[name][0] == module, name
        for limit in (30, 45, 60, 72, 500):
            listed = TyperCommand(name=name, help=summary).get_short_help_str(limit)
            assert listed == registered[name][1].get_short_help_str(limit), (name, limit)
