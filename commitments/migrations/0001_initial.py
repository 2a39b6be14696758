# Commitments, their change log, corrections, campaign cycles and the
# municipalities overview page moved here from the municipalities app: their
# tables and rows stay where they are (each model keeps its db_table), and only
# Django's idea of which app owns them changes. municipalities' 0002 relabels
# their content types, so pages, revisions, translations and permissions keep
# theirs. The same move as core's 0001 and home's 0003.

import core.text_analysis
import django.db.models.deletion
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('municipalities', '0001_initial'),
        ('recommendations', '0003_page_image'),
        ('wagtailcore', '0098_apitoken'),
        ('wagtaildocs', '0014_alter_document_file_size'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='MunicipalityIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'municipality index page',
                        'db_table': 'municipalities_municipalityindexpage',
                    },
                    bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, core.text_analysis.SearchTermsMixin, 'wagtailcore.page'),
                ),
                migrations.CreateModel(
                    name='CampaignCycle',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('election_year', models.PositiveSmallIntegerField(unique=True, verbose_name='local elections of')),
                        ('is_current', models.BooleanField(default=False, help_text='The municipality pages show the current cycle unless a visitor picks another.', verbose_name='current cycle')),
                    ],
                    options={
                        'verbose_name': 'campaign cycle',
                        'verbose_name_plural': 'campaign cycles',
                        'db_table': 'municipalities_campaigncycle',
                        'ordering': ['-election_year'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('is_current',), name='one_current_cycle')],
                    },
                ),
                migrations.CreateModel(
                    name='Commitment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('no_information', 'no information'), ('promised', 'promised (coalition agreement or policy plan)'), ('council_decision', 'council decision'), ('implemented', 'implemented'), ('rejected', 'rejected')], default='no_information', max_length=20, verbose_name='status')),
                        ('decided_on', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source (web address)')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='public note')),
                        ('is_sample', models.BooleanField(default=False, help_text='Loaded by the trial install; shown with a notice that it is an example.', verbose_name='example data')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commitments', to='commitments.campaigncycle', verbose_name='cycle')),
                        ('municipality', models.ForeignKey(limit_choices_to={'is_current': True}, on_delete=django.db.models.deletion.PROTECT, related_name='commitments', to='municipalities.municipality', verbose_name='municipality')),
                        ('recommendation', models.ForeignKey(limit_choices_to={'locale__language_code': 'nl'}, on_delete=django.db.models.deletion.PROTECT, related_name='commitments', to='recommendations.recommendationpage', verbose_name='recommendation')),
                        ('source_document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtaildocs.document', verbose_name='source (document)')),
                    ],
                    options={
                        'verbose_name': 'commitment',
                        'verbose_name_plural': 'commitments',
                        'db_table': 'municipalities_commitment',
                        'ordering': ['municipality__name_nl', 'recommendation__number'],
                    },
                ),
                migrations.CreateModel(
                    name='CommitmentChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('no_information', 'no information'), ('promised', 'promised (coalition agreement or policy plan)'), ('council_decision', 'council decision'), ('implemented', 'implemented'), ('rejected', 'rejected')], default='no_information', max_length=20, verbose_name='status')),
                        ('decided_on', models.DateField(blank=True, null=True, verbose_name='date')),
                        ('source_url', models.URLField(blank=True, max_length=500, verbose_name='source (web address)')),
                        ('note', models.CharField(blank=True, max_length=500, verbose_name='public note')),
                        ('changed_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='changed at')),
                        ('commitment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='changes', to='commitments.commitment')),
                        ('source_document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='wagtaildocs.document', verbose_name='source (document)')),
                    ],
                    options={
                        'verbose_name': 'commitment change',
                        'verbose_name_plural': 'commitment changes',
                        'db_table': 'municipalities_commitmentchange',
                        'ordering': ['-changed_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CorrectionProposal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('proposed_status', models.CharField(choices=[('no_information', 'no information'), ('promised', 'promised (coalition agreement or policy plan)'), ('council_decision', 'council decision'), ('implemented', 'implemented'), ('rejected', 'rejected')], max_length=20, verbose_name='proposed status')),
                        ('source_url', models.URLField(max_length=500, verbose_name='source')),
                        ('message', models.TextField(blank=True, max_length=2000, verbose_name='message')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email for follow-up')),
                        ('language', models.CharField(max_length=8, verbose_name='language')),
                        ('status', models.CharField(choices=[('new', 'new'), ('handled', 'handled'), ('dismissed', 'dismissed')], default='new', max_length=16, verbose_name='status')),
                        ('submitted_at', models.DateTimeField(auto_now_add=True, verbose_name='submitted at')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='municipalities.municipality', verbose_name='municipality')),
                        ('recommendation', models.ForeignKey(limit_choices_to={'locale__language_code': 'nl'}, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='recommendations.recommendationpage', verbose_name='recommendation')),
                    ],
                    options={
                        'verbose_name': 'correction proposal',
                        'verbose_name_plural': 'correction proposals',
                        'db_table': 'municipalities_correctionproposal',
                        'ordering': ['-submitted_at'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='commitment',
                    constraint=models.UniqueConstraint(fields=('municipality', 'recommendation', 'cycle'), name='one_commitment_per_municipality_recommendation_cycle'),
                ),
                migrations.AddConstraint(
                    model_name='commitment',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'no_information'), models.Q(('decided_on__isnull', False), models.Q(models.Q(('source_url', ''), _negated=True), ('source_document__isnull', False), _connector='OR')), _connector='OR'), name='commitment_sourced_unless_unknown'),
                ),
            ],
            database_operations=[],
        ),
    ]
