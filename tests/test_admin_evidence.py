"""Every fact its source, in the admin: each position cites statements or sources, one position per
participant (and per stance for unnamed others) with the refusals told in words, and a meeting's
communiqué flag cites sources of its own before it is published."""

import html

import pytest
from django.urls import reverse

from plenaries.models import Meeting, Position
from tests.admin_forms import change_form_data, change_url, text_of
from tests.factories import (
    make_decision,
    make_meeting,
    make_participant,
    make_position,
    make_source,
    make_statement,
    make_user,
)

pytestmark = pytest.mark.django_db


def add_rows(data, *rows):
    """`data` with `rows` added to the positions inline, as "Add another Position" does."""
    total = int(data["positions-TOTAL_FORMS"])
    for index, row in enumerate(rows, total):
        for field, value in ({"attribution": "named", "stance": "supported"} | row).items():
            data[f"positions-{index}-{field}"] = value
    data["positions-TOTAL_FORMS"] = str(total + len(rows))
    return data


def ids(*records):
    return [str(record.pk) for record in records]


def row_errors(response, row):
    """The errors shown on positions row number `row` (counted from 1), field by field."""
    formset = response.context["inline_admin_formsets"][0].formset
    form = formset.forms[row - 1]
    return {field: list(errors) for field, errors in form.errors.items()}


@pytest.fixture
def decision():
    return make_decision(title="Admission of Lemuria", summary="The original summary.")


@pytest.fixture
def russia():
    return make_participant(name="Russian Federation")


@pytest.fixture
def source():
    return make_source(title="Final communiqué")


class TestEvidence:
    def test_two_statements_and_a_source_on_one_row_are_all_saved(
        self, admin_client, decision, russia, source
    ):
        statements = make_statement(), make_statement()
        data = change_form_data(admin_client.get(change_url(decision)))
        add_rows(
            data,
            {"participant": russia.pk, "statements": ids(*statements), "sources": ids(source)},
        )
        assert admin_client.post(change_url(decision), data).status_code == 302
        position = decision.positions.get()
        assert position.participant == russia
        assert set(position.statements.all()) == set(statements)
        assert list(position.sources.all()) == [source]

    def test_an_unnamed_others_row_is_saved(self, admin_client, decision, source):
        data = change_form_data(admin_client.get(change_url(decision)))
        add_rows(
            data,
            {"others": "a few other participants", "stance": "objected", "sources": ids(source)},
        )
        assert admin_client.post(change_url(decision), data).status_code == 302
        position = decision.positions.get()
        assert (position.participant, position.others, position.stance) == (
            None,
            "a few other participants",
            "objected",
        )

    def test_a_row_citing_nothing_is_refused_on_that_row_and_nothing_is_saved(
        self, admin_client, decision, russia, source
    ):
        data = change_form_data(admin_client.get(change_url(decision)))
        data["summary"] = "A new summary."
        add_rows(
            data,
            {"participant": make_participant().pk, "sources": ids(source)},
            {"participant": russia.pk, "note": "Said so in the plenary."},
        )
        response = admin_client.post(change_url(decision), data)
        assert response.status_code == 200
        message = "Cite at least one statement or source that states this stance."
        assert row_errors(response, 2) == {"__all__": [message]}
        assert row_errors(response, 1) == {}
        assert message in text_of(response)
        assert not Position.objects.exists()
        decision.refresh_from_db()
        assert decision.summary == "The original summary."

    def test_the_positions_form_explains_its_fields(self, admin_client, decision):
        page = html.unescape(text_of(admin_client.get(change_url(decision))))
        assert "a paraphrase of what the sources say" in page
        assert "never put it in quotation marks" in page
        assert "Others the source does not name, in its words" in page
        assert "Inferred: the source names a group" in page


class TestOnePositionEach:
    def test_a_second_row_for_a_participant_names_it_and_the_row_to_keep(
        self, admin_client, decision, russia, source
    ):
        make_position(decision, make_participant(name="Atlantis"), sources=[source])
        data = change_form_data(admin_client.get(change_url(decision)))
        add_rows(
            data,
            {"participant": russia.pk, "stance": "objected", "sources": ids(source)},
            {"participant": russia.pk, "stance": "objected", "statements": ids(make_statement())},
        )
        response = admin_client.post(change_url(decision), data)
        assert response.status_code == 200
        assert row_errors(response, 3) == {
            "participant": [
                "Russian Federation already has a position in row 2: keep one stance per "
                "participant and add this evidence to that row."
            ]
        }
        assert "Please correct the duplicate data" not in text_of(response)
        assert decision.positions.count() == 1

    def test_a_row_repeating_a_saved_one_points_to_it(self, admin_client, decision, russia, source):
        make_position(decision, russia, stance="objected", sources=[source])
        data = change_form_data(admin_client.get(change_url(decision)))
        add_rows(data, {"participant": russia.pk, "sources": ids(make_source())})
        response = admin_client.post(change_url(decision), data)
        assert row_errors(response, 2) == {
            "participant": [
                "Russian Federation already has a position in row 1: keep one stance per "
                "participant and add this evidence to that row."
            ]
        }

    def test_a_row_repeating_a_position_saved_meanwhile_links_to_it(
        self, admin_client, decision, russia, source
    ):
        data = change_form_data(admin_client.get(change_url(decision)))
        theirs = make_position(decision, russia, stance="objected", sources=[source])
        add_rows(data, {"participant": russia.pk, "sources": ids(source)})
        response = admin_client.post(change_url(decision), data)
        assert row_errors(response, 1) == {
            "participant": [
                "Russian Federation already has a position on this decision: keep one stance "
                f'per participant and add this evidence to <a href="{change_url(theirs)}">that '
                "position</a>."
            ]
        }
        assert decision.positions.get() == theirs

    def test_two_unnamed_rows_of_one_stance_are_refused_naming_the_row(
        self, admin_client, decision, source
    ):
        data = change_form_data(admin_client.get(change_url(decision)))
        add_rows(
            data,
            {"others": "a few other participants", "stance": "objected", "sources": ids(source)},
            {"others": "several countries", "stance": "objected", "sources": ids(source)},
            {"others": "several countries", "stance": "supported", "sources": ids(source)},
        )
        response = admin_client.post(change_url(decision), data)
        assert row_errors(response, 2) == {
            "stance": [
                "Unnamed others already have a position with the stance “Objected” in row 1: "
                "keep one such row per stance and add this evidence to that row."
            ]
        }
        assert row_errors(response, 3) == {}
        assert not Position.objects.exists()

    def test_a_row_deleted_and_added_again_in_one_save_is_no_repeat(
        self, admin_client, decision, russia, source
    ):
        make_position(decision, russia, stance="objected", sources=[source])
        data = change_form_data(admin_client.get(change_url(decision)))
        data["positions-0-DELETE"] = "on"
        add_rows(data, {"participant": russia.pk, "stance": "abstained", "sources": ids(source)})
        assert admin_client.post(change_url(decision), data).status_code == 302
        assert list(decision.positions.values_list("stance", flat=True)) == ["abstained"]

    @pytest.mark.parametrize(
        ("named", "others", "attribution", "field", "message"),
        [
            (True, "a few others", "named", "others",
             "Pick the participant, or describe the unnamed others: one of the two."),
            (False, "", "named", "others",
             "Pick the participant, or describe the unnamed others: one of the two."),
            (False, "a few others", "inferred", "attribution",
             "Only a participant's stance is inferred from a group."),
        ],
        ids=["both", "neither", "inferred-unnamed"],
    )  # fmt: skip
    def test_who_the_position_is_of_is_a_field_error_in_words(
        self, admin_client, decision, russia, source, named, others, attribution, field, message
    ):
        row = {"participant": russia.pk if named else "", "others": others,
               "attribution": attribution, "sources": ids(source)}  # fmt: skip
        data = change_form_data(admin_client.get(change_url(decision)))
        response = admin_client.post(change_url(decision), add_rows(data, row))
        assert row_errors(response, 1) == {field: [message]}
        assert not Position.objects.exists()


class TestPositionForm:
    """A position's own form keeps the same rules, and links to the position it would repeat."""

    def post(self, client, **fields):
        url = reverse("admin:plenaries_position_add")
        data = change_form_data(client.get(url))
        data.update({"attribution": "named", "stance": "supported"} | fields)
        return client.post(url, data)

    def test_a_repeat_of_a_saved_position_names_the_participant_and_links_to_it(
        self, admin_client, decision, russia, source
    ):
        saved = make_position(decision, russia, stance="objected", sources=[source])
        response = self.post(
            admin_client, decision=decision.pk, participant=russia.pk, sources=ids(source)
        )
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["participant"] == [
            "Russian Federation already has a position on this decision: keep one stance per "
            f'participant and add this evidence to <a href="{change_url(saved)}">that '
            "position</a>."
        ]
        assert f'<a href="{change_url(saved)}">that position</a>' in text_of(response)
        assert Position.objects.count() == 1

    def test_a_repeat_of_unnamed_others_links_to_their_position(
        self, admin_client, decision, source
    ):
        saved = make_position(decision, others="a few others", stance="objected")
        response = self.post(
            admin_client,
            decision=decision.pk,
            others="several others",
            stance="objected",
            sources=ids(source),
        )
        errors = response.context["adminform"].form.errors
        assert list(errors) == ["stance"]
        assert f'<a href="{change_url(saved)}">that position</a>' in errors["stance"][0]

    def test_a_position_citing_nothing_is_refused(self, admin_client, decision, russia):
        response = self.post(admin_client, decision=decision.pk, participant=russia.pk)
        assert response.context["adminform"].form.non_field_errors() == [
            "Cite at least one statement or source that states this stance."
        ]
        assert not Position.objects.exists()

    def test_editing_a_position_is_no_repeat_of_itself(self, admin_client, decision, russia):
        position = make_position(decision, russia)
        data = change_form_data(admin_client.get(change_url(position)))
        data["stance"] = "abstained"
        assert admin_client.post(change_url(position), data).status_code == 302
        position.refresh_from_db()
        assert position.stance == "abstained"


class TestCommuniqueFlag:
    """The communiqué flag is a fact of its own (Meeting.fact_sources): known, yes or no, it
    cites the sources that say so before the meeting is published."""

    @pytest.fixture
    def publisher_client(self, client):
        client.force_login(make_user("publisher-1", "Publishers"))
        return client

    def publish(self, client, meeting, **fields):
        data = change_form_data(client.get(change_url(meeting)))
        data.update(fields, _publish="Save and publish")
        return client.post(change_url(meeting), data)

    @pytest.mark.parametrize("flag", ["True", "False"])
    def test_a_known_flag_without_its_sources_is_refused_at_publishing(
        self, publisher_client, flag
    ):
        meeting = make_meeting()
        response = self.publish(publisher_client, meeting, communique_issued=flag)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["communique_sources"] == [
            "Cite a source for “communiqué issued” before publishing."
        ]
        meeting.refresh_from_db()
        assert not meeting.is_published and meeting.communique_issued is None

    def test_a_flag_with_its_sources_is_published(self, publisher_client):
        meeting = make_meeting()
        source = make_source()
        response = self.publish(
            publisher_client, meeting, communique_issued="True", communique_sources=ids(source)
        )
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.is_published and list(meeting.communique_sources.all()) == [source]

    def test_an_unknown_flag_needs_no_source(self, publisher_client):
        meeting = make_meeting()
        assert self.publish(publisher_client, meeting, communique_issued="").status_code == 302

    def test_a_draft_may_state_the_flag_before_its_sources_are_found(self, admin_client):
        meeting = make_meeting()
        data = change_form_data(admin_client.get(change_url(meeting)))
        data["communique_issued"] = "True"
        assert admin_client.post(change_url(meeting), data).status_code == 302

    def test_the_publish_action_refuses_it_too(self, publisher_client):
        unsourced = make_meeting(communique_issued=False)
        sourced = make_meeting(communique_issued=True)
        sourced.communique_sources.set([make_source()])
        response = publisher_client.post(
            reverse("admin:plenaries_meeting_changelist"),
            {"action": "publish_selected", "_selected_action": [unsourced.pk, sourced.pk]},
            follow=True,
        )
        assert "Cite a source for “communiqué issued” before publishing." in html.unescape(
            text_of(response)
        )
        assert list(Meeting.objects.published()) == [sourced]
