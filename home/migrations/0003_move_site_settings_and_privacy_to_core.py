# SiteSettings and PrivacyPage now belong to the core app (see core's 0001):
# the tables stay, and their content types are relabelled rather than
# recreated, so existing privacy pages, their revisions, translations and
# permissions keep pointing at the same content type rows.

from django.db import migrations

MOVED = ["sitesettings", "privacypage"]


def relabel_content_types(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model__in=MOVED).update(app_label=target)


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0002_privacy"),
        ("core", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SiteSettings"),
                migrations.DeleteModel(name="PrivacyPage"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            lambda apps, editor: relabel_content_types(apps, editor, "home", "core"),
            lambda apps, editor: relabel_content_types(apps, editor, "core", "home"),
        ),
    ]
