"""Other names carry the timestamps and the version every record has, so that the admin can
refuse a stale save of one (plenaries.admin.locking)."""

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plenaries", "0009_list_order_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalparticipantname",
            name="created_at",
            field=models.DateTimeField(
                blank=True, default=django.utils.timezone.now, editable=False
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalparticipantname",
            name="updated_at",
            field=models.DateTimeField(
                blank=True, db_index=True, default=django.utils.timezone.now, editable=False
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalparticipantname",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="participantname",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="participantname",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True),
        ),
        migrations.AddField(
            model_name="participantname",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
