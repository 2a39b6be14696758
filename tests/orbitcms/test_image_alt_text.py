"""Images in the Wagtail admin cannot be added without an alt text (the image's description)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

Image = get_image_model()


def png_upload(name: str = "coalitie.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "#0b4f5c").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture
def editor_client(client, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_superuser("beeldredactie", "b@orbitvzw.be", "x" * 12)
    client.force_login(user)
    return client


def test_image_without_alt_text_is_refused(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Coalitie", "file": png_upload(), "description": ""},
    )

    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert not Image.objects.filter(title="Coalitie").exists()


def test_image_with_alt_text_is_saved(editor_client):
    alt = "Vrijwilligers van een lokale coalitie voor het gemeentehuis"
    response = editor_client.post(
        reverse("wagtailimages:add"),
        {"title": "Coalitie", "file": png_upload(), "description": alt},
    )

    assert response.status_code == 302
    assert Image.objects.get(title="Coalitie").description == alt


def test_bulk_upload_holds_the_file_until_an_alt_text_is_given(editor_client):
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": png_upload(), "title": "Coalitie"}
    )

    assert response.status_code == 200
    assert response.json()["success"] is True
    assert not Image.objects.filter(title="Coalitie").exists()
    upload = UploadedFile.objects.get()

    response = editor_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload.pk]),
        {
            f"uploaded-image-{upload.pk}-title": "Coalitie",
            f"uploaded-image-{upload.pk}-description": "Een coalitie aan het werk",
            f"uploaded-image-{upload.pk}-collection": "1",
        },
    )

    assert response.json()["success"] is True
    assert Image.objects.get(title="Coalitie").description == "Een coalitie aan het werk"
