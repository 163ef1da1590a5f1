"""What the demo record says, fact by fact, each as its source gives it (plenaries/data)."""

import datetime
from decimal import Decimal

import pytest

from plenaries.dates import Precision
from plenaries.models import (
    Chairmanship,
    Decision,
    Meeting,
    Participant,
    Position,
    Source,
    Statement,
    StatusPeriod,
    WorkingBody,
)

pytestmark = pytest.mark.django_db


def decision(slug):
    return Decision.objects.published().get(slug=slug)


def statement(slug):
    return Statement.objects.published().get(slug=slug)


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
        periods = StatusPeriod.objects.filter(participant__name="Central African Republic")
        restricted, vigilance = periods.order_by("starts_on")[2:]
        assert (restricted.status, vigilance.status) == ("exports-restricted", "enhanced-vigilance")
        assert str(restricted.ends) == "November 2024"
        assert str(vigilance.starts) == "November 2024"
        assert vigilance.ends_on is None
        assert vigilance.decision.slug == "2024-car-export-restrictions-lifted"

    def test_russia_objected_to_ukraines_request_which_was_not_examined(self, demo_record):
        request = decision("2024-examination-of-russias-diamond-production")
        assert request.outcome == Decision.Outcome.BLOCKED
        named = request.positions.exclude(participant=None)
        stances = {p.participant.name: (p.stance, p.attribution) for p in named}
        assert stances == {
            "Ukraine": (Position.Stance.PROPOSED, Position.Attribution.NAMED),
            "United States of America": (Position.Stance.SUPPORTED, Position.Attribution.NAMED),
            "Russian Federation": (Position.Stance.OBJECTED, Position.Attribution.NAMED),
        }

    def test_several_countries_and_a_few_others_are_unnamed_in_the_seeds_words(self, demo_record):
        """ "supported by several countries, including the United States"; "Russia and a few
        other participants objected": the unnamed are rows of their own, no participant invented."""
        request = decision("2024-examination-of-russias-diamond-production")
        unnamed = request.positions.filter(participant=None)
        assert sorted(unnamed.values_list("stance", "others")) == [
            (Position.Stance.OBJECTED, "a few other participants"),
            (Position.Stance.SUPPORTED, "several countries"),
        ]
        for position in unnamed:
            assert position.attribution == Position.Attribution.NAMED
            assert [s.slug for s in position.statements.all()] == [
                "2024-us-statement-on-the-dubai-plenary"
            ]
        assert request.positions.count() == 5

    def test_industry_and_civil_society_support_for_lifting_is_inferred(self, demo_record):
        """The seed names "industry and civil society who advocated for the lifting of
        restrictions", not the World Diamond Council or the Civil Society Coalition."""
        lifted = decision("2024-car-export-restrictions-lifted")
        positions = lifted.positions.order_by("participant__short_name")
        assert [(p.participant.short_name, p.stance, p.attribution) for p in positions] == [
            ("CSC", Position.Stance.SUPPORTED, Position.Attribution.INFERRED),
            ("WDC", Position.Stance.SUPPORTED, Position.Attribution.INFERRED),
        ]
        us_statement = statement("2024-us-statement-on-the-dubai-plenary")
        for position in positions:
            assert list(position.statements.all()) == [us_statement]
        assert "industry" in positions.get(participant__short_name="WDC").note
        assert "civil society" in positions.get(participant__short_name="CSC").note
        assert (
            "industry and civil society who advocated for the lifting of restrictions"
            in " ".join(" ".join(q.text.split()) for q in us_statement.quotations.all())
        )

    def test_no_note_is_a_quotation(self, demo_record):
        """Notes are paraphrases: no quotation marks, and no sentence of the seed word for word."""
        seed = " ".join(statement("2024-us-statement-on-the-dubai-plenary").body.split())
        sentences = [sentence for sentence in seed.split(". ") if len(sentence) > 30]
        for position in Position.objects.exclude(note=""):
            assert not set(position.note) & set('"“”«»„'), position.note
            for sentence in sentences:
                assert sentence.rstrip(".") not in position.note, position.note

    def test_the_passages_notes_once_quoted_are_quotations_word_for_word(self, demo_record):
        seed = " ".join(statement("2024-us-statement-on-the-dubai-plenary").body.split())
        quotations = statement("2024-us-statement-on-the-dubai-plenary").quotations.all()
        texts = [" ".join(quotation.text.split()) for quotation in quotations]
        assert len(texts) == 5
        for text in texts:
            assert text in seed, text
        assert (
            "This examination was requested by Ukraine and supported by several countries, "
            "including the United States." in texts
        )
        assert "Russia and a few other participants objected to this request." in texts[2]
        assert texts[3].startswith("For two consecutive years, Russia also refused to back")

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

    def test_the_seed_statement_is_about_the_ad_hoc_committee(self, demo_record):
        """ "This includes actions through its Ad Hoc Committee on Review and Reform"."""
        us_statement = statement("2024-us-statement-on-the-dubai-plenary")
        assert [body.abbreviation for body in us_statement.working_bodies.all()] == ["AHCRR"]
        assert "Ad Hoc Committee on Review and Reform" in us_statement.body

    def test_only_statements_that_name_a_working_body_are_linked_to_one(self, demo_record):
        for linked in Statement.objects.all():
            text = " ".join([linked.body, *(q.text for q in linked.quotations.all())])
            named = {body for body in WorkingBody.objects.all() if body.name in text}
            assert set(linked.working_bodies.all()) == named, linked.slug

    def test_the_us_statement_keeps_its_quotation_figure_and_contact(self, demo_record):
        statement = Statement.objects.published().get(slug="2024-us-statement-on-the-dubai-plenary")
        assert (statement.speaker, statement.speaker_office) == (
            "Kurt M. Campbell",
            "Deputy Secretary of State",
        )
        assert statement.issuer.name == "United States of America"
        assert statement.press_contact == "EB-Press-Inquiry@state.gov"
        assert statement.issued_on is None, "the seed does not date the statement"
        assert statement.quotations.first().text.startswith("The United States calls upon")
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
        plenaries = Meeting.objects.filter(kind=Meeting.Kind.PLENARY)
        assert set(plenaries.values_list("year", flat=True)) == {
            2011, 2012, 2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024,
        }  # fmt: skip
        others = Meeting.objects.exclude(kind=Meeting.Kind.PLENARY)
        assert sorted(others.values_list("slug", "kind")) == [
            ("2013-kimberley", "intersessional"),
            ("2024-dubai-intersessional", "intersessional"),
            ("2024-dubai-special-session", "extraordinary"),
        ]

    def test_each_communique_flag_cites_the_source_that_states_it(self, demo_record):
        """A flag set has its own source; a flag no source states stays unknown (2023, 2024:
        Russia refused to back a communiqué acknowledging Ukraine's request, which says nothing
        of a communiqué on other matters)."""
        flagged = {
            meeting.slug: [source.url for source in meeting.communique_sources.all()]
            for meeting in Meeting.objects.exclude(communique_issued=None)
        }
        communique = "final-communique-plenary"
        assert {slug: len(urls) for slug, urls in flagged.items()} == {
            "2012-washington": 1,
            "2015-luanda": 1,
            "2016-dubai": 1,
            "2017-brisbane": 1,
            "2022-gaborone": 1,
        }
        for slug in ("2012-washington", "2015-luanda", "2016-dubai", "2017-brisbane"):
            assert communique in flagged[slug][0] and slug[:4] in flagged[slug][0], slug
        assert (
            not Meeting.objects.filter(communique_issued=None)
            .exclude(communique_sources=None)
            .exists()
        )
        for slug in ("2023-victoria-falls", "2024-dubai"):
            assert Meeting.objects.get(slug=slug).communique_issued is None

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
        for other_name, name in (
            ("Russia", "Russian Federation"),
            ("CAR", "Central African Republic"),
            ("European Community", "European Union"),
        ):
            assert Participant.objects.get(other_names__name=other_name).name == name


class TestSecondBatchFacts:
    """The facts of the reference's second batch, as a reader would check them."""

    def test_the_car_timeline_from_2013_runs_without_gaps_or_overlaps(self, demo_record):
        periods = StatusPeriod.objects.filter(participant__name="Central African Republic")
        timeline = [
            (period.status, str(period.starts), str(period.ends))
            for period in periods.order_by("starts_on")
        ]
        assert timeline == [
            ("enhanced-vigilance", "18 April 2013", "May 2013"),
            ("suspended", "May 2013", "July 2015"),
            ("exports-restricted", "July 2015", "November 2024"),
            ("enhanced-vigilance", "November 2024", ""),
        ]

    def test_the_vigilance_of_april_2013_was_the_chairs_request(self, demo_record):
        vigilance = StatusPeriod.objects.get(
            participant__name="Central African Republic", starts_on=datetime.date(2013, 4, 18)
        )
        assert vigilance.decision is None, "a request of the Chair, not a decision"
        assert "Welile Nhlapo" in vigilance.note
        assert "Bria, Sam Ouandja, Bamingui" in vigilance.note
        assert Chairmanship.objects.get(year=2013).chair_note == "Welile Nhlapo"

    def test_the_suspension_says_its_end_is_not_given_by_any_source(self, demo_record):
        suspension = StatusPeriod.objects.get(
            participant__name="Central African Republic", status="suspended"
        )
        assert suspension.decision.slug == "2013-car-suspension"
        assert "No source gives the end" in suspension.note

    def test_car_was_suspended_by_written_procedure_in_may_2013(self, demo_record):
        suspension = decision("2013-car-suspension")
        assert suspension.written_procedure and suspension.meeting is None
        assert suspension.outcome == Decision.Outcome.ADOPTED
        assert (str(suspension.decided), str(suspension.effective)) == ("May 2013", "May 2013")
        assert "with immediate effect" in suspension.summary
        assert suspension.working_body.abbreviation == "WGM"
        assert list(suspension.participants_concerned.values_list("name", flat=True)) == [
            "Central African Republic"
        ]

    def test_the_review_was_set_for_the_kimberley_intersessional(self, demo_record):
        kimberley = Meeting.objects.published().get(slug="2013-kimberley")
        assert kimberley.kind == Meeting.Kind.INTERSESSIONAL
        assert kimberley.place == "Kimberley, South Africa"
        assert kimberley.dates == "4–7 June 2013"
        assert str(decision("2013-car-suspension").review) == "June 2013"

    def test_the_world_diamond_council_supported_the_suspension(self, demo_record):
        position = decision("2013-car-suspension").positions.get()
        assert (position.participant.short_name, position.stance) == ("WDC", "supported")
        assert "Eli Izhakoff" in position.note and '"' not in position.note
        assert [source.publisher for source in position.sources.all()] == ["JCK"]

    def test_russia_and_belarus_blocked_the_2022_discussion_of_the_war(self, demo_record):
        blocked = decision("2022-discussion-of-russias-war-and-diamond-production")
        assert blocked.outcome == Decision.Outcome.BLOCKED
        assert blocked.meeting.slug == "2022-gaborone"
        objectors = blocked.positions.filter(stance=Position.Stance.OBJECTED)
        assert sorted(objectors.values_list("participant__name", flat=True)) == [
            "Belarus",
            "Russian Federation",
        ]
        assert set(objectors.values_list("statements__slug", flat=True)) == {
            "2022-us-statement-on-the-gaborone-plenary"
        }

    def test_the_2022_us_statement_is_known_only_from_a_report(self, demo_record):
        reported = statement("2022-us-statement-on-the-gaborone-plenary")
        assert reported.issuer.name == "United States of America"
        assert reported.kind == Statement.Kind.PRESS_STATEMENT
        assert reported.issued_on is None and reported.body == ""
        assert not reported.quotations.exists()
        report = reported.sources.get()
        assert report.url.startswith("https://thepatriot.co.bw/")
        assert "conflict diamond" in report.note and "2023" in report.note

    def test_the_2022_plenary_issued_a_communique_and_approved_botswanas_bid(self, demo_record):
        gaborone = Meeting.objects.get(slug="2022-gaborone")
        assert gaborone.communique_issued is True
        assert gaborone.sources.filter(url__contains="thepatriot.co.bw").exists()
        assert [source.url for source in gaborone.communique_sources.all()] == [
            "https://thepatriot.co.bw/usa-congratulates-botswana-for-hosting-kimberley-process-secretariat/"
        ]
        bid = decision("2022-botswana-to-host-permanent-secretariat")
        assert (bid.outcome, bid.meeting) == (Decision.Outcome.ADOPTED, gaborone)
        assert list(bid.participants_concerned.values_list("name", flat=True)) == ["Botswana"]
        support = bid.positions.get()
        assert (support.participant.name, support.stance) == (
            "United States of America",
            Position.Stance.SUPPORTED,
        )

    def test_the_2021_plenary_found_no_consensus_on_a_wider_definition(self, demo_record):
        definition = decision("2021-expanded-conflict-diamond-definition")
        assert definition.outcome == Decision.Outcome.BLOCKED
        assert definition.meeting.slug == "2021-moscow"
        assert not definition.positions.exists(), "no source says who objected"
        reported = statement("2021-us-statement-on-the-moscow-plenary")
        assert reported.meeting.slug == "2021-moscow" and reported.issued_on is None
        assert list(reported.decisions.all()) == [definition]
        assert "only country" in reported.sources.get(url__contains="miragenews.com").note

    def test_the_republication_of_the_seed_is_cited_beside_it(self, demo_record):
        republication = Source.objects.get(url__contains="thefederalnewswire.com")
        assert "republication" in republication.note.lower()
        assert "not the Department of State's own page" in republication.note
        us_statement = statement("2024-us-statement-on-the-dubai-plenary")
        assert republication in us_statement.sources.all()
        assert republication in Meeting.objects.get(slug="2024-dubai").sources.all()
        for model in (Meeting, Decision, Statement, Chairmanship, Participant, StatusPeriod):
            citing_the_seed = model.objects.filter(sources__title__startswith="Kurt M. Campbell")
            assert not citing_the_seed.exclude(sources=republication).exists(), model.__name__

    def test_the_written_procedure_of_march_2024_keeps_its_month(self, demo_record):
        approval = decision("2024-permanent-secretariat-gaborone")
        assert approval.written_procedure and approval.meeting is None
        assert approval.decided_on_precision == Precision.MONTH
        assert str(approval.decided) == "March 2024"
        assert approval.sources.get().url == "https://uaeun.org/statement/uae-unga-kimberley-3apr/"

    def test_the_2024_chair_is_named(self, demo_record):
        chairmanship = Chairmanship.objects.get(year=2024)
        assert chairmanship.chair_note == "Ahmed Bin Sulayem, DMCC"
        assert chairmanship.sources.filter(url__contains="minestomarket.news").exists()

    def test_the_dubai_intersessional_ended_with_the_first_special_session(self, demo_record):
        intersessional = Meeting.objects.get(slug="2024-dubai-intersessional")
        special = Meeting.objects.get(slug="2024-dubai-special-session")
        assert (intersessional.kind, special.kind) == ("intersessional", "extraordinary")
        for meeting in (intersessional, special):
            assert (meeting.year, meeting.place, meeting.dates) == (
                2024,
                "Dubai, United Arab Emirates",
                "",
            )
        assert "Uptown Tower" in intersessional.summary
        assert "first-ever special session" in special.summary

    def test_a_review_mission_to_car_was_confirmed_for_september_2024(self, demo_record):
        mission = decision("2024-car-review-mission")
        assert mission.outcome == Decision.Outcome.ADOPTED
        assert mission.meeting.slug == "2024-dubai-intersessional"
        assert list(mission.participants_concerned.values_list("name", flat=True)) == [
            "Central African Republic"
        ]

    def test_the_expected_attendance_is_reported_by_a_trade_blog(self, demo_record):
        dubai = Meeting.objects.get(slug="2024-dubai")
        assert "59 national and regional governments" in dubai.summary
        assert "trade blog reported" in dubai.summary
        blog = dubai.sources.get(url__contains="KP%20Plenary")
        assert blog.note.startswith("A trade blog.")
