# SiteSettings and PrivacyPage moved here from the home app: their tables and
# rows stay where they are; only Django's idea of which app owns them changes
# (home's 0003 moves their content types, so pages and permissions keep theirs).

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("home", "0002_privacy"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("contact_email", models.EmailField(default="amos@orbitvzw.be", max_length=254, verbose_name="contact email")),
                        ("coaching_notify_email", models.EmailField(blank=True, help_text="Leave empty to use the address from the server configuration.", max_length=254, verbose_name="coaching applications go to")),
                        ("dossier_url", models.URLField(blank=True, verbose_name="background dossier")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={"verbose_name": "site settings", "db_table": "home_sitesettings"},
                ),
                migrations.CreateModel(
                    name="PrivacyPage",
                    fields=[
                        ("page_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ("body", wagtail.fields.RichTextField(verbose_name="privacy notice")),
                    ],
                    options={"verbose_name": "privacy page", "db_table": "home_privacypage"},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
    ]
