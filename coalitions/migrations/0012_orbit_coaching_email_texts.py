"""The "ORBIT coaching" group may reword the emails to towns and coalitions
(core's EmailText snippet): the coordinator answers for what they say."""

from django.db import migrations

GROUP_NAME = "ORBIT coaching"
CODENAMES = ["add_emailtext", "change_emailtext", "view_emailtext"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; these are needed now.
    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0011_handbook_chapters"), ("core", "0003_email_texts")]

    operations = [migrations.RunPython(grant, revoke)]
