"""Every rule of the record says what is wrong in plain words when broken (no database change)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plenaries", "0011_search_published_names"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="chairmanship",
            name="chairmanship_year_from_2000",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000)),
                name="chairmanship_year_from_2000",
                violation_error_message="The Kimberley Process had its first chair in 2000.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="chairmanship",
            name="chairmanship_chair_is_not_vice_chair",
            constraint=models.CheckConstraint(
                condition=models.Q(("chair", models.F("vice_chair")), _negated=True),
                name="chairmanship_chair_is_not_vice_chair",
                violation_error_message="The vice chair cannot also be the chair.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="decision",
            name="decision_meeting_or_written_procedure",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("meeting__isnull", True), ("written_procedure", False), _connector="OR"
                ),
                name="decision_meeting_or_written_procedure",
                violation_error_message="A decision taken at a meeting is not a written procedure.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="decision",
            name="decision_identifier_unique",
            constraint=models.UniqueConstraint(
                condition=models.Q(("identifier", ""), _negated=True),
                fields=("identifier",),
                name="decision_identifier_unique",
                violation_error_message="Another decision has this identifier.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="meeting",
            name="meeting_ends_after_start",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("starts_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="meeting_ends_after_start",
                violation_error_message="A meeting cannot end before it starts.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="meeting",
            name="meeting_year_from_2000",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000)),
                name="meeting_year_from_2000",
                violation_error_message="The Kimberley Process met first in 2000.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="meeting",
            name="meeting_ordinal_positive",
            constraint=models.CheckConstraint(
                condition=models.Q(("ordinal__isnull", True), ("ordinal__gte", 1), _connector="OR"),
                name="meeting_ordinal_positive",
                violation_error_message="Meetings are numbered from 1.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participant",
            name="participant_country_only_for_states",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "state"), ("country", ""), _connector="OR"),
                name="participant_country_only_for_states",
                violation_error_message="Only a state has a country code.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participant",
            name="participant_country_unique",
            constraint=models.UniqueConstraint(
                condition=models.Q(("country", ""), _negated=True),
                fields=("country",),
                name="participant_country_unique",
                violation_error_message="Another participant has this country code.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="participantname",
            name="participant_name_unique_ignoring_case",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                name="participant_name_unique_ignoring_case",
                violation_error_message="A participant already goes by this name.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_one_per_participant_and_decision",
            constraint=models.UniqueConstraint(
                fields=("decision", "participant"),
                name="position_one_per_participant_and_decision",
                violation_error_message="This participant already has a position on this decision: edit that one.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="position",
            name="position_cites_statement_or_source",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("statement__isnull", False), ("source__isnull", False), _connector="OR"
                ),
                name="position_cites_statement_or_source",
                violation_error_message="Cite the statement or the source that states this position.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="reportedfigure",
            name="figure_amount_not_negative",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gte", 0)),
                name="figure_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="reportedfigure",
            name="figure_period_in_order",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("to_year__isnull", True),
                    ("from_year__isnull", True),
                    ("to_year__gte", models.F("from_year")),
                    _connector="OR",
                ),
                name="figure_period_in_order",
                violation_error_message="The last year cannot come before the first.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="source",
            name="source_url_unique",
            constraint=models.UniqueConstraint(
                condition=models.Q(("url", ""), _negated=True),
                fields=("url",),
                name="source_url_unique",
                violation_error_message="Another source has this address.",
            ),
        ),
        migrations.AlterConstraint(
            model_name="statusperiod",
            name="status_period_ends_after_start",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ends_on__isnull", True),
                    ("starts_on__isnull", True),
                    ("ends_on__gte", models.F("starts_on")),
                    _connector="OR",
                ),
                name="status_period_ends_after_start",
                violation_error_message="A status cannot end before it starts.",
            ),
        ),
    ]
