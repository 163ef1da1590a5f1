"""Small builders for records the tests need beyond the demo data. Each returns a saved record."""

import datetime
import itertools

from django.contrib.auth.models import Group, User

from plenaries.models import Decision, Meeting, Participant, Position, Source, Statement

_numbers = itertools.count(1)
PASSWORD = "a-long-test-password"


def make_user(username, role):
    """A staff account in the group `role` (Editors, Publishers), or a superuser."""
    if role == "superuser":
        return User.objects.create_superuser(username, password=PASSWORD)
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def make_source(**fields):
    number = next(_numbers)
    fields.setdefault("title", f"Source {number}")
    fields.setdefault("url", f"https://example.org/source-{number}")
    return Source.objects.create(**fields)


def make_participant(**fields):
    number = next(_numbers)
    fields.setdefault("name", f"Participant {number}")
    fields.setdefault("slug", f"participant-{number}")
    return Participant.objects.create(**fields)


def make_meeting(**fields):
    number = next(_numbers)
    fields.setdefault("year", 2030)
    fields.setdefault("city", f"City {number}")
    fields.setdefault("slug", f"2030-city-{number}")
    fields.setdefault("starts_on", datetime.date(fields["year"], 11, 1))
    fields.setdefault("ends_on", datetime.date(fields["year"], 11, 4))
    return Meeting.objects.create(**fields)


def make_decision(*, sources=(), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Decision {number}")
    fields.setdefault("slug", f"decision-{number}")
    fields.setdefault("outcome", Decision.Outcome.ADOPTED)
    decision = Decision.objects.create(**fields)
    decision.sources.set(sources)
    return decision


def make_statement(*, sources=(), **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Statement {number}")
    fields.setdefault("slug", f"statement-{number}")
    fields.setdefault("kind", Statement.Kind.PRESS_STATEMENT)
    if "issuer" not in fields:
        fields["issuer"] = make_participant()
    statement = Statement.objects.create(**fields)
    statement.sources.set(sources)
    return statement


def make_position(decision, participant=None, *, statements=(), sources=(), **fields):
    """A position on `decision`, citing `statements` and `sources` (a new source when neither)."""
    fields.setdefault("stance", Position.Stance.SUPPORTED)
    position = Position.objects.create(decision=decision, participant=participant, **fields)
    position.statements.set(statements)
    position.sources.set(sources or ([] if statements else [make_source()]))
    return position
