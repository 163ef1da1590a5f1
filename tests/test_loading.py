import datetime
from decimal import Decimal

import pytest
from django.apps import apps

from plenaries.dates import Precision
from plenaries.loading import DataError, load_record
from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Position,
    Statement,
    StatusPeriod,
)

pytestmark = pytest.mark.django_db


def table_sizes():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def decision(slug):
    return Decision.objects.get(slug=slug)


class TestLoadingTwice:
    def test_loading_twice_leaves_the_same_counts(self, demo_record):
        before = table_sizes()
        assert before["plenaries.Decision"] == 20
        load_record()
        assert table_sizes() == before

    def test_loading_twice_changes_no_record(self, demo_record):
        stamps = list(Meeting.objects.values_list("slug", "updated_at"))
        load_record()
        assert list(Meeting.objects.values_list("slug", "updated_at")) == stamps

    def test_a_file_with_an_error_loads_nothing(self, db, tmp_path):
        bad = tmp_path / "bad.yaml"
        bad.write_text(
            "sources:\n  s: {title: A source}\n"
            "participants:\n  - {name: Atlantis, sources: [s]}\n"
            "chairmanships:\n  - {year: 2030, chair: Lemuria, sources: [s]}\n"
        )
        with pytest.raises(DataError, match="Lemuria"):
            load_record(bad)
        assert not Participant.objects.filter(name="Atlantis").exists()


class TestSeedFacts:
    def test_the_2024_plenary_met_in_dubai_from_12_to_15_november(self, demo_record):
        meeting = Meeting.objects.published().get(slug="2024-dubai")
        assert meeting.place == "Dubai, United Arab Emirates"
        assert (meeting.starts_on, meeting.ends_on) == (
            datetime.date(2024, 11, 12),
            datetime.date(2024, 11, 15),
        )

    def test_the_car_restrictions_were_lifted_contingent_upon_enhanced_vigilance(self, demo_record):
        lifted = decision("2024-car-export-restrictions-lifted")
        assert lifted.outcome == Decision.Outcome.ADOPTED
        assert "enhanced vigilance" in lifted.conditions.lower()
        assert lifted.meeting.slug == "2024-dubai"
        assert list(lifted.participants_concerned.values_list("name", flat=True)) == [
            "Central African Republic"
        ]

    def test_the_car_timeline_ends_its_restrictions_with_enhanced_vigilance(self, demo_record):
        periods = list(
            StatusPeriod.objects.filter(participant__name="Central African Republic").order_by(
                "starts_on"
            )
        )
        assert [period.status for period in periods] == ["exports-restricted", "enhanced-vigilance"]
        restricted, vigilance = periods
        assert str(restricted.ends) == "November 2024"
        assert str(vigilance.starts) == "November 2024"
        assert vigilance.ends_on is None
        assert vigilance.decision.slug == "2024-car-export-restrictions-lifted"

    def test_russia_objected_to_ukraines_request_which_was_not_examined(self, demo_record):
        request = decision("2024-examination-of-russias-diamond-production")
        assert request.outcome == Decision.Outcome.BLOCKED
        stances = {p.participant.name: p.stance for p in request.positions.all()}
        assert stances == {
            "Ukraine": Position.Stance.PROPOSED,
            "United States of America": Position.Stance.SUPPORTED,
            "Russian Federation": Position.Stance.OBJECTED,
        }

    def test_several_and_a_few_others_stay_notes_not_invented_positions(self, demo_record):
        request = decision("2024-examination-of-russias-diamond-production")
        assert request.positions.count() == 3
        assert (
            "several countries"
            in request.positions.get(participant__slug="united-states-of-america").note
        )

    def test_russia_refused_the_communique_two_years_running(self, demo_record):
        for slug in ("2023-communique-on-ukraines-request", "2024-communique-on-ukraines-request"):
            communique = decision(slug)
            assert communique.outcome == Decision.Outcome.BLOCKED
            assert communique.positions.get().participant.name == "Russian Federation"

    def test_the_2025_chair_is_the_uae_as_custodian_with_thailand_vice_chair(self, demo_record):
        chairmanship = Chairmanship.objects.get(year=2025)
        assert chairmanship.chair.name == "United Arab Emirates"
        assert chairmanship.chair_note == "custodian chair"
        assert chairmanship.vice_chair.name == "Thailand"
        assert chairmanship.decision.outcome == Decision.Outcome.NOTED

    def test_the_reform_work_goes_through_the_ad_hoc_committee(self, demo_record):
        committee = decision("2017-ad-hoc-committee-on-review-and-reform").working_body
        assert committee.abbreviation == "AHCRR"
        assert committee.sources.filter(title__startswith="Kurt M. Campbell").exists()
        assert (
            "Ad Hoc Committee on Review and Reform"
            in Meeting.objects.get(slug="2024-dubai").summary
        )

    def test_the_us_statement_keeps_its_quotation_figure_and_contact(self, demo_record):
        statement = Statement.objects.published().get()
        assert (statement.speaker, statement.speaker_office) == (
            "Kurt M. Campbell",
            "Deputy Secretary of State",
        )
        assert statement.issuer.name == "United States of America"
        assert statement.press_contact == "EB-Press-Inquiry@state.gov"
        assert statement.issued_on is None, "the seed does not date the statement"
        assert statement.quotations.get().text.startswith("The United States calls upon")
        figure = statement.figures.get()
        assert (figure.qualifier, figure.amount, figure.currency) == (
            "over",
            Decimal("650000000"),
            "USD",
        )
        assert (figure.recipient.name, figure.from_year, figure.to_year) == (
            "Central African Republic",
            2021,
            2024,
        )

    def test_a_written_procedure_keeps_its_month(self, demo_record):
        postponement = decision("2020-chairmanship-postponed")
        assert postponement.written_procedure and postponement.meeting is None
        assert postponement.decided_on_precision == Precision.MONTH
        assert str(postponement.decided) == "August 2020"


class TestReferenceTables:
    def test_every_year_from_2003_to_2025_has_a_chairmanship(self, demo_record):
        years = list(Chairmanship.objects.published().values_list("year", flat=True))
        assert sorted(years) == list(range(2003, 2026))

    def test_2020_had_no_chair(self, demo_record):
        chairmanship = Chairmanship.objects.get(year=2020)
        assert chairmanship.chair is None and chairmanship.vice_chair is None
        assert "postponed" in chairmanship.note

    def test_unknown_vice_chair_of_2024_stays_empty(self, demo_record):
        assert Chairmanship.objects.get(year=2024).vice_chair is None

    def test_every_plenary_of_the_reference_is_loaded(self, demo_record):
        assert set(Meeting.objects.values_list("year", flat=True)) == {
            2011, 2012, 2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024,
        }  # fmt: skip

    def test_every_record_cites_a_source(self, demo_record):
        for model in (Meeting, Decision, Statement, Chairmanship, Participant, StatusPeriod):
            uncited = model.objects.filter(sources=None)
            assert not uncited.exists(), f"{model.__name__}: {list(uncited)}"

    def test_observers_are_recorded_with_their_role(self, demo_record):
        observers = set(
            Participant.objects.filter(role=Participant.Role.OBSERVER).values_list(
                "short_name", flat=True
            )
        )
        assert {"WDC", "CSC", "DDI", "ADPA"} <= observers

    def test_common_names_find_their_participant(self, demo_record):
        assert Participant.objects.named("Russia").get().name == "Russian Federation"
        assert Participant.objects.named("CAR").get().name == "Central African Republic"
        assert Participant.objects.named("European Community").get().name == "European Union"
