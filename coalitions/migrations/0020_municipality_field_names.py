"""`municipality` becomes the relation to the reference list (was
`municipality_ref`), the typed name becomes `municipality_name` (was
`municipality`). Renames keep the columns' data; the order matters (the
name is freed before the relation takes it). The two per-town constraints
name the relation, so they are dropped before and added back after with the
new names: the same rules, the same constraint names."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0019_coaching_page_field_labels"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="coachingapplication",
            name="coaching_one_application_per_municipality",
        ),
        migrations.RemoveConstraint(
            model_name="coachingapplication",
            name="coaching_one_application_per_town",
        ),
        migrations.RenameField(
            model_name="coachingapplication",
            old_name="municipality",
            new_name="municipality_name",
        ),
        migrations.RenameField(
            model_name="coalition",
            old_name="municipality",
            new_name="municipality_name",
        ),
        migrations.RenameField(
            model_name="coachingapplication",
            old_name="municipality_ref",
            new_name="municipality",
        ),
        migrations.RenameField(
            model_name="coalition",
            old_name="municipality_ref",
            new_name="municipality",
        ),
        migrations.AlterModelOptions(
            name="coalition",
            options={
                "ordering": ["municipality_name", "name"],
                "verbose_name": "coalition",
                "verbose_name_plural": "coalitions",
            },
        ),
        migrations.AddConstraint(
            model_name="coachingapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "spam"), _negated=True),
                fields=("page", "municipality"),
                name="coaching_one_application_per_municipality",
            ),
        ),
        migrations.AddConstraint(
            model_name="coachingapplication",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("status", "spam"), _negated=True),
                    ("municipality__isnull", True),
                ),
                fields=("page", "municipality_key"),
                name="coaching_one_application_per_town",
            ),
        ),
    ]
