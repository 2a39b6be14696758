from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0017_municipality_reference_matched"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="coachingapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "spam"), _negated=True),
                fields=("page", "municipality_ref"),
                name="coaching_one_application_per_municipality",
            ),
        ),
        migrations.AddConstraint(
            model_name="coachingapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("status", "spam"), _negated=True),
                    ("municipality_ref__isnull", True),
                ),
                fields=("page", "municipality_key"),
                name="coaching_one_application_per_town",
            ),
        ),
    ]
