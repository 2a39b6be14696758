"""The "ORBIT coaching" group may export and erase one person's data: it is the
group that already sees that data."""

from django.db import migrations

GROUP_NAME = "ORBIT coaching"
CODENAME = "manage_personal_data"


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; this one needs them now.
    app_config = apps.get_app_config("coalitions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="coalitions", codename=CODENAME)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="coalitions", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0005_privacy")]

    operations = [migrations.RunPython(grant, revoke)]
