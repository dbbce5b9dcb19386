"""Write the man page and the bash completion from the command line's own parser (run after
changing a command; a test fails while either is out of date):

    .venv/bin/python scripts/command_line_docs.py

Both ship in resources/ (and so in the wheel): `imperfect-trainer install-desktop-entry
--prefix DIR` puts them under DIR/share/ with the menu entry, as a packager lays them out.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imperfect_trainer import __version__  # noqa: E402
from imperfect_trainer.cli import (  # noqa: E402
    APP_NAME,
    DATA_DIR_VARIABLE,
    DATABASE_VARIABLE,
    build_parser,
)

MAN_PAGE = ROOT / "resources" / f"{APP_NAME}.1"
COMPLETION = ROOT / "resources" / f"{APP_NAME}.bash"


def _roff(text: str) -> str:
    """Text as roff reads it: backslashes and hyphens escaped, no line starting with a dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-").replace("…", "\\&...")
    return "\n".join(
        f"\\&{line}" if line.startswith((".", "'")) else line for line in text.split("\n")
    )


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """Each command with its help and its own parser, in the order ``--help`` lists them;
    as there, without the unlisted ones (a command replaced, kept to say so)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            listed = [(name, sub) for name, sub in action.choices.items() if name in helps]
            return [(name, helps[name], sub) for name, sub in listed]
    return []


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        action
        for action in parser._actions
        if action.option_strings and not isinstance(action, argparse._HelpAction)
    ]


def _usage(name: str, parser: argparse.ArgumentParser) -> str:
    usage = parser.format_usage().removeprefix("usage: ").strip()
    return " ".join(part for part in usage.split() if part != "[-h]") if usage else name


def man_page() -> str:
    parser = build_parser()
    lines = [
        f'.TH {APP_NAME.upper()} 1 "" "{APP_NAME} {__version__}" "User Commands"',
        ".SH NAME",
        f"{_roff(APP_NAME)} \\- a kind spaced\\-repetition trainer for clinicians",
        ".SH SYNOPSIS",
        f".B {_roff(APP_NAME)}",
        "[\\fIOPTION\\fR]... [\\fICOMMAND\\fR [\\fIARGUMENT\\fR]...]",
        ".SH DESCRIPTION",
        _roff(
            "Five minutes a day of spaced-repetition cards on perfectionism for clinicians, "
            "scheduled with SM-2. With no command, opens the window; the commands work without "
            "a display."
        ),
        ".SH OPTIONS",
    ]
    for action in _options(parser):
        lines += [".TP", f".B {_roff(', '.join(action.option_strings))}"]
        if action.nargs != 0:
            metavar = action.metavar or action.dest.upper().replace("_", "-")
            lines[-1] += f" \\fI{_roff(str(metavar))}\\fR"
        lines.append(_roff(action.help or ""))
    lines.append(".SH COMMANDS")
    for name, help_text, sub in _subcommands(parser):
        lines += [".TP", f".B {_roff(_usage(name, sub))}", _roff(help_text)]
        for action in _options(sub):
            lines += [".RS", ".TP", f".B {_roff(', '.join(action.option_strings))}"]
            lines += [_roff(action.help or ""), ".RE"]
        for inner, inner_help, inner_parser in _subcommands(sub):
            lines += [".RS", ".TP", f".B {_roff(_usage(inner, inner_parser))}", _roff(inner_help)]
            lines.append(".RE")
    lines += [
        ".SH ENVIRONMENT",
        ".TP",
        f".B {DATA_DIR_VARIABLE}",
        _roff("The folder holding the collection, when --data-dir is not given."),
        ".TP",
        f".B {DATABASE_VARIABLE}",
        _roff("A training programme's PostgreSQL URL, when --database is not given."),
        ".SH FILES",
        ".TP",
        ".I ~/.local/share/imperfect\\-trainer/",
        _roff(
            "The collection (collection.sqlite3) and its backups, readable by you alone "
            "(or $XDG_DATA_HOME/imperfect-trainer/)."
        ),
        ".SH EXIT STATUS",
        _roff(
            "0 on success; 1 when the window cannot open (no display), a check finds a "
            "problem or a command fails in a way it names; 2 for a wrong command line, or "
            "a collection or file that cannot be used; 3 when the window has the collection "
            "open; 70 for an unexpected error, written to the log named on screen."
        ),
        ".SH SEE ALSO",
        _roff("The README, and the changelog, in the project's source."),
        "",
    ]
    return "\n".join(lines)


def completion() -> str:
    parser = build_parser()
    commands = _subcommands(parser)
    top = " ".join(
        [*(option for action in _options(parser) for option in action.option_strings), "--help"]
        + [name for name, _, _ in commands]
    )
    cases = []
    for name, _, sub in commands:
        words = [option for action in _options(sub) for option in action.option_strings]
        words += [inner for inner, _, _ in _subcommands(sub)]
        cases.append(f'    {name}) words="{" ".join([*words, "--help"])}" ;;')
    function = f"_{APP_NAME.replace('-', '_')}"
    return "\n".join(
        [
            f"# bash completion for {APP_NAME} (written by scripts/command_line_docs.py)",
            f"{function}() {{",
            "  local current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD-1]}",
            "  local command='' word words skip=''",
            "  case $previous in",
            '    --data-dir) COMPREPLY=($(compgen -d -- "$current")); return ;;',
            "    --database|--version|--help) return ;;",
            "  esac",
            '  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do',
            "    if [ -n \"$skip\" ]; then skip=''; continue; fi",
            "    case $word in",
            "      --data-dir|--database) skip=1 ;;",
            "      -*) ;;",
            '      *) [ -z "$command" ] && command=$word ;;',
            "    esac",
            "  done",
            "  case $command in",
            f'    "") words="{top}" ;;',
            *cases,
            "    *) words='' ;;",
            "  esac",
            "  if [[ -z $command || $command == server || $current == -* ]]; then",
            '    COMPREPLY=($(compgen -W "$words" -- "$current"))',
            "  else",
            '    COMPREPLY=($(compgen -f -- "$current"))',
            "  fi",
            "  return 0",
            "}",
            f"complete -F {function} {APP_NAME}",
            "",
        ]
    )


if __name__ == "__main__":
    MAN_PAGE.write_text(man_page(), encoding="utf-8")
    COMPLETION.write_text(completion(), encoding="utf-8")
    print(f"wrote {MAN_PAGE.relative_to(ROOT)} and {COMPLETION.relative_to(ROOT)}")
