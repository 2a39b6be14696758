# Commitments, their change log, corrections, campaign cycles and the
# municipalities overview page now belong to the commitments app (see its
# 0001): the tables stay, and their content types are relabelled rather than
# recreated, so the overview pages, their revisions, translations and the
# permissions on these models keep pointing at the same content type rows.

from django.db import migrations

MOVED = [
    "campaigncycle",
    "commitment",
    "commitmentchange",
    "correctionproposal",
    "municipalityindexpage",
]


def relabel_content_types(apps, schema_editor, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=source, model__in=MOVED).update(app_label=target)


class Migration(migrations.Migration):

    dependencies = [
        ("municipalities", "0001_initial"),
        ("commitments", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Those that point at another first.
            state_operations=[
                migrations.DeleteModel(name="CommitmentChange"),
                migrations.DeleteModel(name="Commitment"),
                migrations.DeleteModel(name="CorrectionProposal"),
                migrations.DeleteModel(name="CampaignCycle"),
                migrations.DeleteModel(name="MunicipalityIndexPage"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            lambda apps, editor: relabel_content_types(apps, editor, "municipalities", "commitments"),
            lambda apps, editor: relabel_content_types(apps, editor, "commitments", "municipalities"),
        ),
    ]
