"""The README's commands, as scripts/check_readme_commands.py finds them (`make readme-check`
runs them): each one it shows must be one that script knows how to run, and runnable as written."""

import importlib.util
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent


def load_checker():
    path = PROJECT / "scripts" / "check_readme_commands.py"
    spec = importlib.util.spec_from_file_location("check_readme_commands", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


checker = load_checker()
COMMANDS = checker.extract_commands((PROJECT / "README.md").read_text())


def test_the_readme_shows_the_two_commands_that_do_everything():
    assert [command.text for command in COMMANDS[:2]] == ["make run", "make test"]


@pytest.mark.parametrize("command", [command.text for command in COMMANDS])
def test_every_command_the_readme_shows_is_one_the_checker_runs(command):
    assert checker.kind_of(command) is not None
    assert not checker.has_placeholder(command)


def test_commands_are_found_in_sh_blocks_and_inline_code_but_names_are_not():
    markdown = """Run `make lint`, or `PORT=8080
make run`; see `DATABASE_URL`, `/admin/`, `plenaries/dates.py`, `"quoted phrase"`, `-excluded`.

```sh
createdb kp   # a comment
export A="x # y" \\
  B=2
```

```python
make = "not a command"
```
"""
    found = [(command.text, command.block) for command in checker.extract_commands(markdown)]
    assert found == [
        ("make lint", None),
        ("PORT=8080 make run", None),
        ("createdb kp", 1),
        ('export A="x # y" B=2', 1),
    ]


@pytest.mark.parametrize(
    "command",
    ["make deploy", "sudo apt-get install chromium", ".venv/bin/python manage.py shell"],
)
def test_a_command_the_checker_cannot_run_is_reported(command):
    assert checker.is_command(command)
    assert checker.kind_of(command) is None


@pytest.mark.parametrize(
    "command", ["export SECRET_KEY=... ALLOWED_HOSTS=x", "createdb <name>", "psql user@host"]
)
def test_a_placeholder_is_recognised(command):
    assert checker.has_placeholder(command)
