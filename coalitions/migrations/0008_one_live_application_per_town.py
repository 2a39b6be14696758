import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0007_municipality_keys_normalised"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="coachingapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "spam"), _negated=True),
                fields=("page", "municipality_key"),
                name="coaching_one_application_per_town",
            ),
        ),
        migrations.AddConstraint(
            model_name="coalition",
            constraint=models.UniqueConstraint(
                models.F("municipality_key"),
                django.db.models.functions.text.Lower("email"),
                name="coalition_one_signup_per_contact",
            ),
        ),
    ]
