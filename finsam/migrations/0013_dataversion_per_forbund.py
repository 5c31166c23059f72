"""The data token per förbund (finsam/dataversion.py): the table is made again, keyed by
the förbund (0: the global row). It holds no data, only tokens: the global row is written
again after migrate (dataversion._skapa_rad), and every förbund's row at its first write."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finsam", "0012_dataversion"),
    ]

    operations = [
        migrations.DeleteModel(name="Dataversion"),
        migrations.CreateModel(
            name="Dataversion",
            fields=[
                ("forbund", models.IntegerField(primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "dataversion"},
        ),
    ]
