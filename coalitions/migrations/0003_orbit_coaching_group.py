"""The "ORBIT coaching" group: the only editors (besides superusers) who see
coaching applications, coalitions and the personal data in them."""

from django.db import migrations

GROUP_NAME = "ORBIT coaching"
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("coalitions", "coachingapplication", "view_coachingapplication"),
    ("coalitions", "coachingapplication", "change_coachingapplication"),
    ("coalitions", "coalition", "view_coalition"),
    ("coalitions", "coalition", "change_coalition"),
    ("coalitions", "outboxemail", "view_outboxemail"),
]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations ran; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, model, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            )
        )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0002_coaching_and_coalitions"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
