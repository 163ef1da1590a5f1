"""Migrations 0001 to 0023 in one, for a new database: the models as they stand, then what those
migrations did beyond the models (the editors' and publishers' groups, the search's functions and
triggers, the record version's triggers), by the operations they did it with. Making a database
through the 23 took about 25 s, nearly all of it Django working out the models' states between
142 changes of a field; this takes about 6 s (docs/performance.md). A database that ran some of
them goes on with the rest (`replaces`). What only changed data already there (0008, 0013, 0018's
French names, 0020's files, 0023's last change) has nothing to change in a new database.
"""

import datetime
from importlib import import_module

import django.contrib.postgres.search
import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
import django.db.models.functions.text
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def kept(name, *positions):
    """The operations at `positions` of the replaced migration `name`."""
    operations = import_module(f"plenaries.migrations.{name}").Migration.operations
    return [operations[position] for position in positions]


class Migration(migrations.Migration):
    replaces = [
        ("plenaries", "0001_initial"),
        ("plenaries", "0002_history_versions_and_publish_permissions"),
        ("plenaries", "0003_editor_and_publisher_roles"),
        ("plenaries", "0004_precision_labels"),
        ("plenaries", "0005_search_vectors"),
        ("plenaries", "0006_search_triggers"),
        ("plenaries", "0007_index_updated_at"),
        ("plenaries", "0008_decision_sort_date"),
        ("plenaries", "0009_list_order_indexes"),
        ("plenaries", "0010_other_names_timestamps"),
        ("plenaries", "0011_search_published_names"),
        ("plenaries", "0012_constraint_messages"),
        ("plenaries", "0013_evidence_and_attribution"),
        ("plenaries", "0014_help_texts"),
        ("plenaries", "0015_more_help_texts"),
        ("plenaries", "0016_decision_continues"),
        ("plenaries", "0017_source_kind_and_archived_copy"),
        ("plenaries", "0018_participant_french_name"),
        ("plenaries", "0019_downloads"),
        ("plenaries", "0020_download_files"),
        ("plenaries", "0021_record_version"),
        ("plenaries", "0022_version_counts_tables_without_history"),
        ("plenaries", "0023_version_change_time"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Download",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.DateField(unique=True)),
                ("created_at", models.DateTimeField()),
                ("row_counts", models.JSONField(default=dict)),
                ("changes", models.JSONField(blank=True, null=True)),
                ("compared_with", models.DateField(blank=True, null=True)),
                ("files", models.JSONField(default=dict)),
            ],
            options={
                "ordering": ("-version",),
                "get_latest_by": "version",
            },
        ),
        migrations.CreateModel(
            name="Meeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("plenary", "Plenary"),
                            ("intersessional", "Intersessional"),
                            ("extraordinary", "Extraordinary"),
                        ],
                        default="plenary",
                        max_length=20,
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                (
                    "ordinal",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="10 for the tenth plenary, where a source numbers it.",
                        null=True,
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=100)),
                ("country", django_countries.fields.CountryField(blank=True, max_length=2)),
                (
                    "starts_on",
                    models.DateField(
                        blank=True, help_text="The first day, where a source gives it.", null=True
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(
                        blank=True, help_text="The last day, where a source gives it.", null=True
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("in-person", "In person"),
                            ("hybrid", "Hybrid"),
                            ("virtual", "Virtual"),
                        ],
                        help_text="Empty when no source says.",
                        max_length=20,
                    ),
                ),
                (
                    "communique_issued",
                    models.BooleanField(
                        blank=True,
                        help_text="Whether a final communiqué was issued; unknown unless a source says.",
                        null=True,
                        verbose_name="communiqué issued",
                    ),
                ),
                ("summary", models.TextField(blank=True)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Year and city: 2024-dubai.", max_length=100, unique=True
                    ),
                ),
            ],
            options={
                "ordering": (
                    "-year",
                    models.OrderBy(models.F("starts_on"), descending=True, nulls_last=True),
                ),
                "permissions": [("publish_meeting", "Can publish and unpublish meetings")],
            },
        ),
        migrations.CreateModel(
            name="Participant",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                (
                    "short_name",
                    models.CharField(
                        blank=True,
                        help_text="How the record refers to it in running text.",
                        max_length=100,
                    ),
                ),
                (
                    "name_fr",
                    models.CharField(
                        blank=True,
                        help_text="Filled from the country code for a state when left empty.",
                        max_length=200,
                        verbose_name="French name",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site, from its name; an old address redirects.",
                        max_length=200,
                        unique=True,
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("participant", "Participant"), ("observer", "Observer")],
                        default="participant",
                        max_length=20,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("state", "State"),
                            ("regional-organisation", "Regional economic integration organisation"),
                            ("trading-entity", "Rough-diamond trading entity"),
                            ("industry", "Industry"),
                            ("civil-society", "Civil society"),
                            ("other", "Other"),
                        ],
                        help_text="Empty when no source says.",
                        max_length=30,
                    ),
                ),
                (
                    "country",
                    django_countries.fields.CountryField(
                        blank=True,
                        help_text="States only.",
                        max_length=2,
                        verbose_name="ISO 3166 country",
                    ),
                ),
                (
                    "admitted_on",
                    models.DateField(
                        blank=True,
                        help_text="When it became a participant or observer, where a source says.",
                        null=True,
                        verbose_name="date admitted",
                    ),
                ),
                (
                    "admitted_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("note", models.TextField(blank=True)),
            ],
            options={
                "ordering": ("name",),
                "permissions": [("publish_participant", "Can publish and unpublish participants")],
            },
        ),
        migrations.CreateModel(
            name="RecordVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(editable=False, null=True)),
            ],
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
            options={
                "ordering": ("word",),
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("name", models.CharField(max_length=100, unique=True)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site, from its name; an old address redirects.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                ("description", models.TextField(blank=True)),
            ],
            options={
                "ordering": ("name",),
            },
        ),
        migrations.CreateModel(
            name="Decision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                (
                    "written_procedure",
                    models.BooleanField(
                        default=False, help_text="Taken by written procedure, outside any meeting."
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True, help_text="For a written procedure: when it closed.", null=True
                    ),
                ),
                (
                    "decided_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site: the year it was taken, then its title.",
                        max_length=200,
                        unique=True,
                    ),
                ),
                (
                    "identifier",
                    models.CharField(
                        blank=True,
                        help_text="For instance KP/2017/Plenary/Administrative Decision 1.",
                        max_length=120,
                    ),
                ),
                ("summary", models.TextField(blank=True)),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        help_text="The decision word for word, where a source gives it.",
                        verbose_name="full text",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("adopted", "Adopted"),
                            ("rejected", "Rejected"),
                            ("blocked", "Blocked for lack of consensus"),
                            ("deferred", "Deferred"),
                            ("noted", "Noted"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "conditions",
                    models.TextField(blank=True, help_text="What the decision is contingent upon."),
                ),
                (
                    "effective_on",
                    models.DateField(
                        blank=True,
                        help_text="When it takes effect, where a source says.",
                        null=True,
                    ),
                ),
                (
                    "effective_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "review_on",
                    models.DateField(
                        blank=True,
                        help_text="When it is to be reviewed, where a source says.",
                        null=True,
                        verbose_name="review date",
                    ),
                ),
                (
                    "review_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "sort_date",
                    models.DateField(
                        editable=False,
                        help_text="The meeting's first day (or 1 January of its year while its dates are unknown), or the date a written procedure closed.",
                        null=True,
                    ),
                ),
                (
                    "amends",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Earlier decisions this one changes in part; they stay in force otherwise.",
                        related_name="amended_by",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "continues",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The same item taken up at an earlier meeting, where a source links them: the 2024 communiqué request continues the 2023 one.",
                        related_name="continued_by",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "lifts",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Earlier decisions whose measures this one ends: a suspension, restrictions.",
                        related_name="lifted_by",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "supersedes",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Earlier decisions this one replaces whole.",
                        related_name="superseded_by",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a written procedure.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="decisions",
                        to="plenaries.meeting",
                    ),
                ),
                (
                    "participants_concerned",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Whom it is about (admitted, suspended, restricted). Who stood where on it goes in the positions below.",
                        related_name="concerning_decisions",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "ordering": ("title",),
                "permissions": [("publish_decision", "Can publish and unpublish decisions")],
            },
        ),
        migrations.CreateModel(
            name="Chairmanship",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(unique=True)),
                (
                    "chair_note",
                    models.CharField(
                        blank=True, help_text='For instance "custodian chair".', max_length=200
                    ),
                ),
                ("vice_chair_note", models.CharField(blank=True, max_length=200)),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Why a year has no chair, for instance."
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        help_text="The decision that set this chairmanship.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chairmanships",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "chair",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chairmanships",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "vice_chair",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="vice_chairmanships",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "ordering": ("-year",),
                "permissions": [
                    ("publish_chairmanship", "Can publish and unpublish chairmanships")
                ],
            },
        ),
        migrations.CreateModel(
            name="DownloadFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True)),
                ("content", models.BinaryField()),
                ("content_type", models.CharField(max_length=100)),
                ("size", models.PositiveIntegerField()),
                (
                    "download",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="stored_files",
                        to="plenaries.download",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HistoricalChairmanship",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(db_index=True)),
                (
                    "chair_note",
                    models.CharField(
                        blank=True, help_text='For instance "custodian chair".', max_length=200
                    ),
                ),
                ("vice_chair_note", models.CharField(blank=True, max_length=200)),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="Why a year has no chair, for instance."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The decision that set this chairmanship.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "chair",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "vice_chair",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical chairmanship",
                "verbose_name_plural": "historical chairmanships",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDecision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                (
                    "written_procedure",
                    models.BooleanField(
                        default=False, help_text="Taken by written procedure, outside any meeting."
                    ),
                ),
                (
                    "decided_on",
                    models.DateField(
                        blank=True, help_text="For a written procedure: when it closed.", null=True
                    ),
                ),
                (
                    "decided_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site: the year it was taken, then its title.",
                        max_length=200,
                    ),
                ),
                (
                    "identifier",
                    models.CharField(
                        blank=True,
                        help_text="For instance KP/2017/Plenary/Administrative Decision 1.",
                        max_length=120,
                    ),
                ),
                ("summary", models.TextField(blank=True)),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        help_text="The decision word for word, where a source gives it.",
                        verbose_name="full text",
                    ),
                ),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("adopted", "Adopted"),
                            ("rejected", "Rejected"),
                            ("blocked", "Blocked for lack of consensus"),
                            ("deferred", "Deferred"),
                            ("noted", "Noted"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "conditions",
                    models.TextField(blank=True, help_text="What the decision is contingent upon."),
                ),
                (
                    "effective_on",
                    models.DateField(
                        blank=True,
                        help_text="When it takes effect, where a source says.",
                        null=True,
                    ),
                ),
                (
                    "effective_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "review_on",
                    models.DateField(
                        blank=True,
                        help_text="When it is to be reviewed, where a source says.",
                        null=True,
                        verbose_name="review date",
                    ),
                ),
                (
                    "review_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty for a written procedure.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.meeting",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical decision",
                "verbose_name_plural": "historical decisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeeting",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("plenary", "Plenary"),
                            ("intersessional", "Intersessional"),
                            ("extraordinary", "Extraordinary"),
                        ],
                        default="plenary",
                        max_length=20,
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                (
                    "ordinal",
                    models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="10 for the tenth plenary, where a source numbers it.",
                        null=True,
                    ),
                ),
                ("city", models.CharField(blank=True, max_length=100)),
                ("country", django_countries.fields.CountryField(blank=True, max_length=2)),
                (
                    "starts_on",
                    models.DateField(
                        blank=True, help_text="The first day, where a source gives it.", null=True
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(
                        blank=True, help_text="The last day, where a source gives it.", null=True
                    ),
                ),
                (
                    "format",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("in-person", "In person"),
                            ("hybrid", "Hybrid"),
                            ("virtual", "Virtual"),
                        ],
                        help_text="Empty when no source says.",
                        max_length=20,
                    ),
                ),
                (
                    "communique_issued",
                    models.BooleanField(
                        blank=True,
                        help_text="Whether a final communiqué was issued; unknown unless a source says.",
                        null=True,
                        verbose_name="communiqué issued",
                    ),
                ),
                ("summary", models.TextField(blank=True)),
                ("slug", models.SlugField(help_text="Year and city: 2024-dubai.", max_length=100)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "host",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The participant that hosted the meeting, where a source says.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical meeting",
                "verbose_name_plural": "historical meetings",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParticipant",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                ("name", models.CharField(db_index=True, max_length=200)),
                (
                    "short_name",
                    models.CharField(
                        blank=True,
                        help_text="How the record refers to it in running text.",
                        max_length=100,
                    ),
                ),
                (
                    "name_fr",
                    models.CharField(
                        blank=True,
                        help_text="Filled from the country code for a state when left empty.",
                        max_length=200,
                        verbose_name="French name",
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site, from its name; an old address redirects.",
                        max_length=200,
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        choices=[("participant", "Participant"), ("observer", "Observer")],
                        default="participant",
                        max_length=20,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("state", "State"),
                            ("regional-organisation", "Regional economic integration organisation"),
                            ("trading-entity", "Rough-diamond trading entity"),
                            ("industry", "Industry"),
                            ("civil-society", "Civil society"),
                            ("other", "Other"),
                        ],
                        help_text="Empty when no source says.",
                        max_length=30,
                    ),
                ),
                (
                    "country",
                    django_countries.fields.CountryField(
                        blank=True,
                        help_text="States only.",
                        max_length=2,
                        verbose_name="ISO 3166 country",
                    ),
                ),
                (
                    "admitted_on",
                    models.DateField(
                        blank=True,
                        help_text="When it became a participant or observer, where a source says.",
                        null=True,
                        verbose_name="date admitted",
                    ),
                ),
                (
                    "admitted_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("note", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical participant",
                "verbose_name_plural": "historical participants",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPosition",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "others",
                    models.CharField(
                        blank=True,
                        help_text='Others the source does not name, in its words: "a few other participants", "several countries". Leave the participant empty.',
                        max_length=200,
                        verbose_name="unnamed others",
                    ),
                ),
                (
                    "attribution",
                    models.CharField(
                        choices=[
                            ("named", "Named in the source"),
                            ("inferred", "Inferred from a group the source names"),
                        ],
                        default="named",
                        help_text='Named: the source names this participant. Inferred: the source names a group ("industry and civil society") and the participant is taken to be in it; the public pages show it as a weaker attribution.',
                        max_length=10,
                    ),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("supported", "Supported"),
                            ("objected", "Objected"),
                            ("abstained", "Abstained"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="In your words: a paraphrase of what the sources say about this stance. The public pages never put it in quotation marks; a passage quoted word for word belongs in the statement's quotations.",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Empty for others the source does not name: describe them instead.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical position",
                "verbose_name_plural": "historical positions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSource",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="address")),
                (
                    "archived_url",
                    models.URLField(
                        blank=True,
                        help_text="The address of a saved copy, in the Internet Archive for instance.",
                        max_length=500,
                        verbose_name="archived copy",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("kp_document", "Official KP document"),
                            ("government", "Government or observer statement"),
                            ("news", "News report"),
                            ("secondary", "Secondary (blog, mirror, republication)"),
                        ],
                        help_text="Empty while unknown.",
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("publisher", models.CharField(blank=True, max_length=200)),
                (
                    "published_on",
                    models.DateField(
                        blank=True,
                        help_text="When it was published, where it says.",
                        null=True,
                        verbose_name="date",
                    ),
                ),
                (
                    "published_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="What this source says, or where to find it."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical source",
                "verbose_name_plural": "historical sources",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatement",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                (
                    "speaker",
                    models.CharField(
                        blank=True,
                        help_text="Who delivered or signed it, where it says.",
                        max_length=200,
                    ),
                ),
                (
                    "speaker_office",
                    models.CharField(
                        blank=True,
                        help_text="The speaker's office, as the statement gives it.",
                        max_length=200,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("press-statement", "Press statement"),
                            ("communique", "Communiqué"),
                            ("speech", "Speech"),
                            ("report", "Report"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "issued_on",
                    models.DateField(
                        blank=True, help_text="Empty when no source gives it.", null=True
                    ),
                ),
                (
                    "issued_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site: the year it was issued, then its title.",
                        max_length=200,
                    ),
                ),
                ("body", models.TextField(blank=True)),
                (
                    "press_contact",
                    models.CharField(
                        blank=True,
                        help_text="Where the statement sends inquiries, as it gives it: an address or office.",
                        max_length=200,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The meeting it was made at or is about.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.meeting",
                    ),
                ),
                (
                    "issuer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The participant or observer that issued it.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical statement",
                "verbose_name_plural": "historical statements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatusPeriod",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("active", "Active"),
                            ("suspended", "Suspended"),
                            ("voluntarily-suspended", "Voluntarily suspended"),
                            ("exports-restricted", "Exports restricted"),
                            ("enhanced-vigilance", "Enhanced vigilance"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "starts_on",
                    models.DateField(
                        blank=True, help_text="Empty when no source gives it.", null=True
                    ),
                ),
                (
                    "starts_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(blank=True, help_text="Empty while it lasts.", null=True),
                ),
                (
                    "ends_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("note", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The decision that set this status.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical status period",
                "verbose_name_plural": "historical status periods",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalTopic",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("name", models.CharField(db_index=True, max_length=100)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site, from its name; an old address redirects.",
                        max_length=100,
                    ),
                ),
                ("description", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical topic",
                "verbose_name_plural": "historical topics",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalWorkingBody",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("name", models.CharField(db_index=True, max_length=200)),
                ("abbreviation", models.CharField(blank=True, max_length=20)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site, from its name; an old address redirects.",
                        max_length=200,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("committee", "Committee"),
                            ("working-group", "Working group"),
                            ("monitoring-team", "Monitoring team"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.TextField(blank=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical working body",
                "verbose_name_plural": "historical working bodies",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="meeting",
            name="host",
            field=models.ForeignKey(
                blank=True,
                help_text="The participant that hosted the meeting, where a source says.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hosted_meetings",
                to="plenaries.participant",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalParticipantName",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("name", models.CharField(max_length=200)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical participant name",
                "verbose_name_plural": "historical participant names",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDecision_participants_concerned",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicaldecision",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalDecision_participants_concerned",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="address")),
                (
                    "archived_url",
                    models.URLField(
                        blank=True,
                        help_text="The address of a saved copy, in the Internet Archive for instance.",
                        max_length=500,
                        verbose_name="archived copy",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("kp_document", "Official KP document"),
                            ("government", "Government or observer statement"),
                            ("news", "News report"),
                            ("secondary", "Secondary (blog, mirror, republication)"),
                        ],
                        help_text="Empty while unknown.",
                        max_length=20,
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                ("publisher", models.CharField(blank=True, max_length=200)),
                (
                    "published_on",
                    models.DateField(
                        blank=True,
                        help_text="When it was published, where it says.",
                        null=True,
                        verbose_name="date",
                    ),
                ),
                (
                    "published_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True, help_text="What this source says, or where to find it."
                    ),
                ),
            ],
            options={
                "ordering": ("title",),
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("url", ""), _negated=True),
                        fields=("url",),
                        name="source_url_unique",
                        violation_error_message="Another source has this address.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Position",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "others",
                    models.CharField(
                        blank=True,
                        help_text='Others the source does not name, in its words: "a few other participants", "several countries". Leave the participant empty.',
                        max_length=200,
                        verbose_name="unnamed others",
                    ),
                ),
                (
                    "attribution",
                    models.CharField(
                        choices=[
                            ("named", "Named in the source"),
                            ("inferred", "Inferred from a group the source names"),
                        ],
                        default="named",
                        help_text='Named: the source names this participant. Inferred: the source names a group ("industry and civil society") and the participant is taken to be in it; the public pages show it as a weaker attribution.',
                        max_length=10,
                    ),
                ),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("proposed", "Proposed"),
                            ("supported", "Supported"),
                            ("objected", "Objected"),
                            ("abstained", "Abstained"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="In your words: a paraphrase of what the sources say about this stance. The public pages never put it in quotation marks; a passage quoted word for word belongs in the statement's quotations.",
                    ),
                ),
                (
                    "decision",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="positions",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for others the source does not name: describe them instead.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="positions",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Other sources that state it: a report, the meeting's communiqué...",
                        related_name="positions",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "ordering": (
                    "decision",
                    "stance",
                    models.OrderBy(models.F("participant__name"), nulls_last=True),
                    "others",
                ),
            },
        ),
        migrations.AddField(
            model_name="participant",
            name="sources",
            field=models.ManyToManyField(
                blank=True,
                help_text="The sources that state these facts.",
                related_name="participants",
                to="plenaries.source",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="communique_sources",
            field=models.ManyToManyField(
                blank=True,
                help_text="The sources that say whether a communiqué was issued.",
                related_name="communique_meetings",
                to="plenaries.source",
                verbose_name="sources of the communiqué flag",
            ),
        ),
        migrations.AddField(
            model_name="meeting",
            name="sources",
            field=models.ManyToManyField(
                blank=True,
                help_text="The sources that state these facts.",
                related_name="meetings",
                to="plenaries.source",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalPosition_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalposition",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.position",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalPosition_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalParticipant_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalparticipant",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalParticipant_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeeting_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalmeeting",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.meeting",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMeeting_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMeeting_communique_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalmeeting",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.meeting",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalMeeting_communique_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDecision_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicaldecision",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalDecision_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalChairmanship_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "chairmanship",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.chairmanship",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalchairmanship",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalChairmanship_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="decision",
            name="sources",
            field=models.ManyToManyField(
                blank=True,
                help_text="The sources that state it: at least one before it is published.",
                related_name="decisions",
                to="plenaries.source",
            ),
        ),
        migrations.AddField(
            model_name="chairmanship",
            name="sources",
            field=models.ManyToManyField(
                blank=True,
                help_text="The sources that state these facts.",
                related_name="chairmanships",
                to="plenaries.source",
            ),
        ),
        migrations.CreateModel(
            name="Statement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "publication_status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("published", "Published")],
                        db_index=True,
                        default="draft",
                        max_length=10,
                        verbose_name="publication",
                    ),
                ),
                (
                    "speaker",
                    models.CharField(
                        blank=True,
                        help_text="Who delivered or signed it, where it says.",
                        max_length=200,
                    ),
                ),
                (
                    "speaker_office",
                    models.CharField(
                        blank=True,
                        help_text="The speaker's office, as the statement gives it.",
                        max_length=200,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("press-statement", "Press statement"),
                            ("communique", "Communiqué"),
                            ("speech", "Speech"),
                            ("report", "Report"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "issued_on",
                    models.DateField(
                        blank=True, help_text="Empty when no source gives it.", null=True
                    ),
                ),
                (
                    "issued_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("title", models.CharField(max_length=300)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site: the year it was issued, then its title.",
                        max_length=200,
                        unique=True,
                    ),
                ),
                ("body", models.TextField(blank=True)),
                (
                    "press_contact",
                    models.CharField(
                        blank=True,
                        help_text="Where the statement sends inquiries, as it gives it: an address or office.",
                        max_length=200,
                    ),
                ),
                (
                    "search_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "decisions",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The decisions it speaks of.",
                        related_name="statements",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "issuer",
                    models.ForeignKey(
                        help_text="The participant or observer that issued it.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="statements",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "meeting",
                    models.ForeignKey(
                        blank=True,
                        help_text="The meeting it was made at or is about.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="statements",
                        to="plenaries.meeting",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Where it is published: at least one before it is published here.",
                        related_name="statements",
                        to="plenaries.source",
                    ),
                ),
                (
                    "topics",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The subjects it is listed under, each with its own feed.",
                        related_name="statements",
                        to="plenaries.topic",
                    ),
                ),
            ],
            options={
                "ordering": (
                    models.OrderBy(
                        django.db.models.functions.comparison.Coalesce(
                            "issued_on", models.Value(datetime.date(1, 1, 1))
                        ),
                        descending=True,
                    ),
                    models.OrderBy(models.F("title")),
                    models.OrderBy(models.F("id")),
                ),
                "permissions": [("publish_statement", "Can publish and unpublish statements")],
            },
        ),
        migrations.CreateModel(
            name="ReportedFigure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("description", models.CharField(max_length=300)),
                (
                    "qualifier",
                    models.CharField(
                        blank=True,
                        help_text='As the source words it: "over", "about".',
                        max_length=30,
                    ),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=20)),
                (
                    "currency",
                    models.CharField(
                        blank=True,
                        help_text="ISO 4217 code; empty for a count that is not money.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{3}$", "An ISO 4217 code such as USD."
                            )
                        ],
                    ),
                ),
                (
                    "from_year",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="The first year it covers.", null=True
                    ),
                ),
                (
                    "to_year",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="The last year it covers.", null=True
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        help_text="Who received it, where the statement says.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reported_figures",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="figures",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "ordering": ("statement", "pk"),
            },
        ),
        migrations.CreateModel(
            name="Quotation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "text",
                    models.TextField(
                        help_text="Word for word, as the statement has it, without quotation marks. A paraphrase is not a quotation: put it in a position's note or the statement's text."
                    ),
                ),
                (
                    "speaker",
                    models.CharField(
                        blank=True,
                        help_text="Empty when it is the statement's issuer.",
                        max_length=200,
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Quotations are shown smallest first."
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="quotations",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "ordering": ("statement", "order", "pk"),
            },
        ),
        migrations.AddField(
            model_name="position",
            name="statements",
            field=models.ManyToManyField(
                blank=True,
                help_text="The statements that state this stance: one or more.",
                related_name="positions",
                to="plenaries.statement",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalStatement_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalstatement",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalStatement_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatement_decisions",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalstatement",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalStatement_decisions",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReportedFigure",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("description", models.CharField(max_length=300)),
                (
                    "qualifier",
                    models.CharField(
                        blank=True,
                        help_text='As the source words it: "over", "about".',
                        max_length=30,
                    ),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=20)),
                (
                    "currency",
                    models.CharField(
                        blank=True,
                        help_text="ISO 4217 code; empty for a count that is not money.",
                        max_length=3,
                        validators=[
                            django.core.validators.RegexValidator(
                                "^[A-Z]{3}$", "An ISO 4217 code such as USD."
                            )
                        ],
                    ),
                ),
                (
                    "from_year",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="The first year it covers.", null=True
                    ),
                ),
                (
                    "to_year",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="The last year it covers.", null=True
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "recipient",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who received it, where the statement says.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical reported figure",
                "verbose_name_plural": "historical reported figures",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalQuotation",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, db_index=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "text",
                    models.TextField(
                        help_text="Word for word, as the statement has it, without quotation marks. A paraphrase is not a quotation: put it in a position's note or the statement's text."
                    ),
                ),
                (
                    "speaker",
                    models.CharField(
                        blank=True,
                        help_text="Empty when it is the statement's issuer.",
                        max_length=200,
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0, help_text="Quotations are shown smallest first."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical quotation",
                "verbose_name_plural": "historical quotations",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalPosition_statements",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalposition",
                    ),
                ),
                (
                    "position",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.position",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalPosition_statements",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="StatusPeriod",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("active", "Active"),
                            ("suspended", "Suspended"),
                            ("voluntarily-suspended", "Voluntarily suspended"),
                            ("exports-restricted", "Exports restricted"),
                            ("enhanced-vigilance", "Enhanced vigilance"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        max_length=30,
                    ),
                ),
                (
                    "starts_on",
                    models.DateField(
                        blank=True, help_text="Empty when no source gives it.", null=True
                    ),
                ),
                (
                    "starts_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                (
                    "ends_on",
                    models.DateField(blank=True, help_text="Empty while it lasts.", null=True),
                ),
                (
                    "ends_on_precision",
                    models.CharField(
                        choices=[("day", "Day"), ("month", "Month"), ("year", "Year")],
                        default="day",
                        help_text="How much of the date the source gives: the day, only the month, or only the year.",
                        max_length=5,
                        verbose_name="known to the",
                    ),
                ),
                ("note", models.TextField(blank=True)),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        help_text="The decision that set this status.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="status_changes",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="status_periods",
                        to="plenaries.participant",
                    ),
                ),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The sources that state these facts.",
                        related_name="status_periods",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "ordering": (
                    "participant",
                    models.OrderBy(models.F("starts_on"), nulls_first=True),
                ),
            },
        ),
        migrations.CreateModel(
            name="HistoricalStatusPeriod_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalstatusperiod",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
                (
                    "statusperiod",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statusperiod",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalStatusPeriod_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatement_topics",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalstatement",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalStatement_topics",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDecision_topics",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "decision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.decision",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicaldecision",
                    ),
                ),
                (
                    "topic",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalDecision_topics",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="decision",
            name="topics",
            field=models.ManyToManyField(
                blank=True,
                help_text="The subjects it is listed under, each with its own feed.",
                related_name="decisions",
                to="plenaries.topic",
            ),
        ),
        migrations.CreateModel(
            name="WorkingBody",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("name", models.CharField(max_length=200, unique=True)),
                ("abbreviation", models.CharField(blank=True, max_length=20)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Its address on this site, from its name; an old address redirects.",
                        max_length=200,
                        unique=True,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("committee", "Committee"),
                            ("working-group", "Working group"),
                            ("monitoring-team", "Monitoring team"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                    ),
                ),
                ("description", models.TextField(blank=True)),
                (
                    "sources",
                    models.ManyToManyField(
                        blank=True,
                        help_text="The sources that state these facts.",
                        related_name="working_bodies",
                        to="plenaries.source",
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "working bodies",
                "ordering": ("name",),
            },
        ),
        migrations.AddField(
            model_name="statement",
            name="working_bodies",
            field=models.ManyToManyField(
                blank=True,
                help_text="The committees or working groups it is about, where it names them.",
                related_name="statements",
                to="plenaries.workingbody",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalWorkingBody_sources",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalworkingbody",
                    ),
                ),
                (
                    "source",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.source",
                    ),
                ),
                (
                    "workingbody",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.workingbody",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalWorkingBody_sources",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatement_working_bodies",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="plenaries.historicalstatement",
                    ),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.statement",
                    ),
                ),
                (
                    "workingbody",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plenaries.workingbody",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalStatement_working_bodies",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="working_body",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The committee or working group it concerns or entrusts with it.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plenaries.workingbody",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="working_body",
            field=models.ForeignKey(
                blank=True,
                help_text="The committee or working group it concerns or entrusts with it.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="plenaries.workingbody",
            ),
        ),
        migrations.CreateModel(
            name="ParticipantName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True, db_index=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("name", models.CharField(max_length=200)),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="other_names",
                        to="plenaries.participant",
                    ),
                ),
            ],
            options={
                "ordering": ("name",),
                "constraints": [
                    models.UniqueConstraint(
                        django.db.models.functions.text.Lower("name"),
                        name="participant_name_unique_ignoring_case",
                        violation_error_message="A participant already goes by this name.",
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "state"), ("country", ""), _connector="OR"),
                name="participant_country_only_for_states",
                violation_error_message="Only a state has a country code.",
            ),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(
                condition=models.Q(("country", ""), _negated=True),
                fields=("country",),
                name="participant_country_unique",
                violation_error_message="Another participant has this country code.",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
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
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000)),
                name="meeting_year_from_2000",
                violation_error_message="The Kimberley Process met first in 2000.",
            ),
        ),
        migrations.AddConstraint(
            model_name="meeting",
            constraint=models.CheckConstraint(
                condition=models.Q(("ordinal__isnull", True), ("ordinal__gte", 1), _connector="OR"),
                name="meeting_ordinal_positive",
                violation_error_message="Meetings are numbered from 1.",
            ),
        ),
        migrations.AddConstraint(
            model_name="chairmanship",
            constraint=models.CheckConstraint(
                condition=models.Q(("year__gte", 2000)),
                name="chairmanship_year_from_2000",
                violation_error_message="The Kimberley Process had its first chair in 2000.",
            ),
        ),
        migrations.AddConstraint(
            model_name="chairmanship",
            constraint=models.CheckConstraint(
                condition=models.Q(("chair", models.F("vice_chair")), _negated=True),
                name="chairmanship_chair_is_not_vice_chair",
                violation_error_message="The vice chair cannot also be the chair.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportedfigure",
            constraint=models.CheckConstraint(
                condition=models.Q(("amount__gte", 0)),
                name="figure_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
        ),
        migrations.AddConstraint(
            model_name="reportedfigure",
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
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                condition=models.Q(("participant__isnull", False)),
                fields=("decision", "participant"),
                name="position_one_per_participant_and_decision",
                violation_error_message="This participant already has a position on this decision: edit that one.",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.UniqueConstraint(
                condition=models.Q(("participant__isnull", True)),
                fields=("decision", "stance"),
                name="position_one_unnamed_per_stance",
                violation_error_message="Unnamed others already have this stance on this decision: edit that row.",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("participant__isnull", False), ("others", "")),
                    models.Q(
                        ("participant__isnull", True), models.Q(("others", ""), _negated=True)
                    ),
                    _connector="OR",
                ),
                name="position_participant_or_unnamed_others",
                violation_error_message="Pick the participant, or describe the unnamed others: one of the two.",
            ),
        ),
        migrations.AddConstraint(
            model_name="position",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("participant__isnull", False), ("attribution", "named"), _connector="OR"
                ),
                name="position_only_participants_inferred",
                violation_error_message="Only a participant's stance is inferred from a group; unnamed others are as the source words them.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statusperiod",
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
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce(
                        "issued_on", models.Value(datetime.date(1, 1, 1))
                    ),
                    descending=True,
                ),
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                name="statement_by_date",
            ),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(
                models.OrderBy(
                    django.db.models.functions.comparison.Coalesce(
                        "sort_date", models.Value(datetime.date(1, 1, 1))
                    ),
                    descending=True,
                ),
                models.OrderBy(models.F("title")),
                models.OrderBy(models.F("id")),
                name="decision_by_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("meeting__isnull", True), ("written_procedure", False), _connector="OR"
                ),
                name="decision_meeting_or_written_procedure",
                violation_error_message="A decision taken at a meeting is not a written procedure.",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("identifier", ""), _negated=True),
                fields=("identifier",),
                name="decision_identifier_unique",
                violation_error_message="Another decision has this identifier.",
            ),
        ),
        *kept("0003_editor_and_publisher_roles", 0),  # the groups
        *kept("0006_search_triggers", 0, 1, 2),  # the search's extensions, functions, triggers
        *kept("0011_search_published_names", 0),
        *kept("0018_participant_french_name", 3),
        *kept("0021_record_version", 1),  # the version's row and its triggers
        *kept("0022_version_counts_tables_without_history", 0),
        *kept("0023_version_change_time", 2),
    ]
