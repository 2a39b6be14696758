"""Celery tasks of the coaching flow: they take ids and call the services."""

from dataclasses import asdict

from celery import shared_task

from coalitions.handbook.services import handbook_pdf_generate
from coalitions.services.outbox import outbox_email_requeue_due, outbox_email_send
from coalitions.services.personal_data import personal_data_anonymise_expired


# max_retries=None: the outbox row counts the attempts (the sweep may send too),
# and the service says when to give up.
@shared_task(bind=True, acks_late=True, max_retries=None)
def send_outbox_email(self, outbox_id: int) -> str:
    result = outbox_email_send(outbox_id=outbox_id)
    if result.retry_in is not None:
        raise self.retry(countdown=result.retry_in)
    return result.status


@shared_task
def sweep_unsent_outbox() -> int:
    """Beat: re-enqueue emails a broker outage or a killed worker left unsent."""
    return len(outbox_email_requeue_due())


@shared_task
def anonymise_expired_personal_data() -> dict:
    """Beat, daily: wipe contact details past PERSONAL_DATA_RETENTION_DAYS."""
    return asdict(personal_data_anonymise_expired())


@shared_task(acks_late=True)
def generate_handbook_pdf(page_id: int) -> int | None:
    """On publish: the handbook page's PDF in its language; returns the document id."""
    document = handbook_pdf_generate(page_id=page_id)
    return document.pk if document else None
