import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from plenaries.dates import PartialDate, Precision, parse_partial_date
from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    ParticipantName,
    Position,
    PublicationStatus,
    ReportedFigure,
    StatusPeriod,
)
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_source,
    make_statement,
)

pytestmark = pytest.mark.django_db


def refused_by_database(create):
    """True when the database itself refuses the row (not only Django's validation)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


class TestConstraints:
    def test_a_meeting_cannot_end_before_it_starts(self):
        assert refused_by_database(
            lambda: make_meeting(
                starts_on=datetime.date(2030, 11, 15), ends_on=datetime.date(2030, 11, 12)
            )
        )

    def test_a_one_day_meeting_is_accepted(self):
        day = datetime.date(2030, 11, 12)
        assert not refused_by_database(lambda: make_meeting(starts_on=day, ends_on=day))
        assert Meeting.objects.get(starts_on=day).dates == "12 November 2030"

    def test_a_meeting_ending_before_it_starts_gets_a_field_error(self):
        meeting = Meeting(
            year=2030,
            slug="2030-x",
            starts_on=datetime.date(2030, 11, 15),
            ends_on=datetime.date(2030, 11, 12),
        )
        with pytest.raises(ValidationError) as error:
            meeting.full_clean()
        assert "ends_on" in error.value.message_dict

    def test_a_participant_takes_one_position_per_decision(self):
        decision = make_decision()
        participant = make_participant()
        Position.objects.create(decision=decision, participant=participant, stance="supported")
        assert refused_by_database(
            lambda: Position.objects.create(
                decision=decision, participant=participant, stance="objected"
            )
        )
        assert Position.objects.get(decision=decision).stance == "supported"

    def test_a_position_is_a_participants_or_unnamed_others(self):
        decision = make_decision()
        for fields in ({}, {"participant": make_participant(), "others": "several countries"}):
            assert refused_by_database(
                lambda fields=fields: Position.objects.create(
                    decision=decision, stance="objected", **fields
                )
            )

    def test_unnamed_others_take_one_row_per_stance(self):
        decision = make_decision()
        Position.objects.create(decision=decision, stance="objected", others="a few others")
        assert refused_by_database(
            lambda: Position.objects.create(
                decision=decision, stance="objected", others="several countries"
            )
        )

    def test_the_chair_cannot_also_be_vice_chair(self):
        participant = make_participant()
        assert refused_by_database(
            lambda: Chairmanship.objects.create(
                year=2030, chair=participant, vice_chair=participant
            )
        )

    def test_a_year_without_chair_or_vice_chair_is_representable(self):
        assert Chairmanship.objects.create(year=2030, note="Postponed").chair is None

    def test_only_states_carry_a_country_code(self):
        assert refused_by_database(
            lambda: make_participant(kind=Participant.Kind.INDUSTRY, country="US")
        )

    def test_other_names_are_unique_ignoring_case(self):
        ParticipantName.objects.create(participant=make_participant(), name="Atlantis")
        assert refused_by_database(
            lambda: ParticipantName.objects.create(participant=make_participant(), name="ATLANTIS")
        )

    def test_a_status_period_cannot_end_before_it_starts(self):
        assert refused_by_database(
            lambda: StatusPeriod.objects.create(
                participant=make_participant(),
                status=StatusPeriod.Status.SUSPENDED,
                starts_on=datetime.date(2030, 5, 1),
                ends_on=datetime.date(2030, 4, 1),
            )
        )

    def test_a_decision_at_a_meeting_is_not_a_written_procedure(self):
        assert refused_by_database(
            lambda: make_decision(meeting=make_meeting(), written_procedure=True)
        )

    def test_a_reported_figure_period_runs_forwards(self):
        statement = make_statement()
        assert refused_by_database(
            lambda: ReportedFigure.objects.create(
                statement=statement, description="Aid", amount=1, from_year=2024, to_year=2021
            )
        )

    def test_two_decisions_cannot_share_an_identifier(self):
        make_decision(identifier="KP/2030/Plenary/Administrative Decision 1")
        assert refused_by_database(
            lambda: make_decision(identifier="KP/2030/Plenary/Administrative Decision 1")
        )
        make_decision(identifier="")
        # Many decisions have no identifier: the rule holds only between identifiers given.
        assert not refused_by_database(lambda: make_decision(identifier=""))
        assert Decision.objects.filter(identifier="").count() == 2


class TestPublication:
    def test_published_hides_drafts(self):
        draft = make_meeting()
        published = make_meeting(publication_status=PublicationStatus.PUBLISHED)
        assert list(Meeting.objects.published()) == [published]
        assert draft not in Meeting.objects.published()

    def test_a_decision_without_a_source_cannot_be_published(self):
        decision = make_decision()
        with pytest.raises(ValidationError) as error:
            decision.publish()
        assert "sources" in error.value.message_dict
        decision.refresh_from_db()
        assert decision.publication_status == PublicationStatus.DRAFT
        assert not Decision.objects.published().exists()

    def test_a_decision_with_a_source_is_published(self):
        decision = make_decision(sources=[make_source()])
        decision.publish()
        assert list(Decision.objects.published()) == [decision]

    def test_a_statement_without_a_source_cannot_be_published(self):
        statement = make_statement()
        with pytest.raises(ValidationError):
            statement.publish()
        statement.refresh_from_db()
        assert not statement.is_published

    def test_unpublishing_takes_a_record_off_the_public_record(self):
        decision = make_decision(sources=[make_source()])
        decision.publish()
        decision.unpublish()
        assert not Decision.objects.published().exists()


class TestPartialDates:
    def test_a_month_is_stored_as_its_first_day_and_shown_without_a_day(self):
        period = StatusPeriod.objects.create(
            participant=make_participant(),
            status=StatusPeriod.Status.ENHANCED_VIGILANCE,
            starts_on=datetime.date(2024, 11, 15),
            starts_on_precision=Precision.MONTH,
        )
        period.refresh_from_db()
        assert period.starts_on == datetime.date(2024, 11, 1)
        assert str(period.starts) == "November 2024"

    def test_a_year_is_shown_as_the_year(self):
        assert str(PartialDate(datetime.date(2020, 1, 1), Precision.YEAR)) == "2020"

    def test_a_day_is_shown_in_full(self):
        assert str(PartialDate(datetime.date(2024, 11, 12))) == "12 November 2024"

    def test_an_unknown_date_is_empty(self):
        assert not PartialDate(None)
        assert str(PartialDate(None)) == ""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2012-08", (datetime.date(2012, 8, 1), Precision.MONTH)),
            ("2020", (datetime.date(2020, 1, 1), Precision.YEAR)),
            ("2024-11-12", (datetime.date(2024, 11, 12), Precision.DAY)),
        ],
    )
    def test_partial_dates_are_read_at_their_precision(self, text, expected):
        assert parse_partial_date(text) == expected

    @pytest.mark.parametrize("text", ["2024-02-30", "2024-13", "November 2024", "24"])
    def test_impossible_or_unreadable_dates_are_refused(self, text):
        with pytest.raises(ValueError):
            parse_partial_date(text)


class TestNames:
    def test_a_participant_is_found_by_every_word_of_any_of_its_names(self):
        russia = make_participant(name="Russian Federation", short_name="Russia")
        ParticipantName.objects.create(participant=russia, name="Rossiya")
        make_participant(name="Belarus")
        for text in ("Russian Federation", "russia", "ROSSIYA", "federation russian"):
            assert list(Participant.objects.search(text)) == [russia]
        assert not Participant.objects.search("Russian Belarus").exists()


class TestMeetingDates:
    @pytest.mark.parametrize(
        ("starts_on", "ends_on", "shown"),
        [
            (datetime.date(2024, 11, 12), datetime.date(2024, 11, 15), "12–15 November 2024"),
            (
                datetime.date(2012, 11, 27),
                datetime.date(2012, 12, 1),
                "27 November – 1 December 2012",
            ),
            (None, datetime.date(2019, 11, 22), "closing 22 November 2019"),
            (None, None, ""),
        ],
    )
    def test_a_meetings_dates_read_as_a_reader_writes_them(self, starts_on, ends_on, shown):
        assert Meeting(year=2024, starts_on=starts_on, ends_on=ends_on).dates == shown


class TestDecisionOrder:
    """Lists sort decisions by one stored date, which must follow its meeting's dates."""

    def titles_newest_first(self):
        return list(Decision.objects.newest_first().values_list("title", flat=True))

    def test_newest_first_follows_the_meeting_dates_and_written_procedures(self):
        earlier = make_meeting(year=2020, starts_on=datetime.date(2020, 6, 1), ends_on=None)
        later = make_meeting(year=2021, starts_on=datetime.date(2021, 6, 1), ends_on=None)
        make_decision(title="Taken in 2020", meeting=earlier)
        make_decision(title="Taken in 2021", meeting=later)
        make_decision(
            title="Closed by written procedure",
            written_procedure=True,
            decided_on=datetime.date(2020, 9, 1),
        )
        assert self.titles_newest_first() == [
            "Taken in 2021",
            "Closed by written procedure",
            "Taken in 2020",
        ]
        assert list(
            Decision.objects.in_years(2020, 2020).order_by("title").values_list("title", flat=True)
        ) == ["Closed by written procedure", "Taken in 2020"]

    def test_moving_a_meeting_moves_its_decisions(self):
        meeting = make_meeting(year=2020, starts_on=datetime.date(2020, 6, 1), ends_on=None)
        other = make_meeting(year=2020, starts_on=datetime.date(2020, 8, 1), ends_on=None)
        make_decision(title="At the moved meeting", meeting=meeting)
        make_decision(title="At the other meeting", meeting=other)
        assert self.titles_newest_first()[0] == "At the other meeting"

        meeting.starts_on = datetime.date(2020, 10, 1)
        meeting.save()
        assert self.titles_newest_first()[0] == "At the moved meeting"

        meeting.starts_on = None  # dates unknown: 1 January of its year, before the other
        meeting.save()
        assert self.titles_newest_first() == ["At the other meeting", "At the moved meeting"]

    def test_a_decision_moved_to_another_meeting_takes_its_date(self):
        early = make_meeting(year=2019, starts_on=datetime.date(2019, 3, 1), ends_on=None)
        late = make_meeting(year=2023, starts_on=datetime.date(2023, 3, 1), ends_on=None)
        decision = make_decision(meeting=early)
        decision.meeting = late
        decision.save(update_fields=["meeting"])
        decision.refresh_from_db()
        assert decision.sort_date == datetime.date(2023, 3, 1)

    def test_a_written_procedure_known_to_the_year_sorts_as_its_first_day(self):
        make_decision(
            title="Closed some time in 2021",
            written_procedure=True,
            decided_on=datetime.date(2021, 12, 20),
            decided_on_precision=Precision.YEAR,
        )
        june = make_decision(
            title="Closed on 1 June 2021",
            written_procedure=True,
            decided_on=datetime.date(2021, 6, 1),
        )
        assert self.titles_newest_first() == ["Closed on 1 June 2021", "Closed some time in 2021"]

        june.decided_on = datetime.date(2020, 6, 1)
        june.save(update_fields=["decided_on"])
        assert self.titles_newest_first() == ["Closed some time in 2021", "Closed on 1 June 2021"]
