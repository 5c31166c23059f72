"""The settings of the multi-instance trial (benchmarks/flera_instanser.sh): the production
settings with the archive, the reports' pictures and the PDFs in an S3-compatible bucket,
exactly as README.md's *Running on more than one machine* shows `finsam/settings/site.py`.

Not part of the app: the trial puts benchmarks/ on PYTHONPATH and sets
DJANGO_SETTINGS_MODULE=flera_settings. Needs `django-storages[s3]` (pip install -e ".[s3]").
The bucket's address comes from FLERA_S3_URL (the local S3 server the trial starts), its
keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them.
"""

import os

from finsam.settings.production import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405  (staticfiles stays whitenoise)
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("FLERA_S3_BUCKET", "finsam-arkiv"),
            "endpoint_url": os.environ["FLERA_S3_URL"],
            "region_name": "eu-north-1",
            "file_overwrite": False,  # never replace an archived PDF of the same name
            "default_acl": None,  # private objects: the app serves them
            "querystring_auth": True,
        },
    },
}
