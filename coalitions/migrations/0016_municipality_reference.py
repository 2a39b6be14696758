import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0015_outbox_email_owner"),
        ("municipalities", "0001_initial"),
    ]

    operations = [
        # Lifted while 0013 matches the rows; 0014 puts it back for unmatched rows only.
        migrations.RemoveConstraint(
            model_name="coachingapplication",
            name="coaching_one_application_per_town",
        ),
        migrations.AddField(
            model_name="coachingapplication",
            name="municipality_ref",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="municipalities.municipality",
                verbose_name="municipality in the reference list",
            ),
        ),
        migrations.AddField(
            model_name="coalition",
            name="municipality_ref",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="municipalities.municipality",
                verbose_name="municipality in the reference list",
            ),
        ),
    ]
