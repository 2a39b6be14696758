"""Celery tasks of the recommendations: they take ids and call the services."""

from celery import shared_task

from .services import recommendations_pdf_refresh


@shared_task(acks_late=True)
def generate_recommendations_pdf(index_id: int, force: bool = False) -> int | None:
    """On publish, unpublish, delete and move: the PDF of the recommendations
    in the index page's language; returns the document id."""
    document = recommendations_pdf_refresh(index_id=index_id, force=force)
    return document.pk if document else None
