"""Media on S3-compatible object storage (django-storages), against a local moto server.

Production points ``AWS_STORAGE_BUCKET_NAME`` and ``AWS_S3_ENDPOINT_URL`` at AWS S3, MinIO
or any S3-compatible service; originals and renditions are then written there and apps
get their URLs over GraphQL.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest
from django.conf import settings
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from .factories import use_in_published_article

BUCKET = "health-media"
# Media is public (articles are public); docs/deploy.md sets the same policy on the bucket.
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/media/*",
        }
    ],
}
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server on a local port, with an empty bucket; stopped afterwards."""
    server = shutil.which("moto_server", path=os.path.dirname(sys.executable))
    if server is None:
        pytest.skip("moto_server is not installed (requirements-dev.txt: moto[server])")
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [server, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)
        s3.create_bucket(Bucket=BUCKET)
        s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
        yield endpoint, s3
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def s3_media(s3_endpoint, tmp_path):
    endpoint, s3 = s3_endpoint
    with override_settings(
        STORAGES={**settings.STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}},
        AWS_STORAGE_BUCKET_NAME=BUCKET,
        AWS_S3_ENDPOINT_URL=endpoint,
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID=CREDENTIALS["aws_access_key_id"],
        AWS_SECRET_ACCESS_KEY=CREDENTIALS["aws_secret_access_key"],
        AWS_LOCATION="media",
        AWS_DEFAULT_ACL=None,
        AWS_QUERYSTRING_AUTH=False,
        AWS_S3_FILE_OVERWRITE=False,
    ):
        yield endpoint, s3


def test_image_and_rendition_are_stored_in_the_bucket(graphql, s3_media, demo_content):
    endpoint, s3 = s3_media
    image = Image.objects.create(title="Infusion", file=get_test_image_file(size=(640, 480)))
    use_in_published_article(image)

    data = graphql.execute("{ images { id rendition(width: 400) { url width } } }")
    rendition = data["images"][0]["rendition"]

    assert rendition["width"] == 400
    assert rendition["url"].startswith(f"{endpoint}/{BUCKET}/media/images/")
    keys = {obj["Key"] for obj in s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert f"media/{image.file.name}" in keys
    rendition_key = rendition["url"].removeprefix(f"{endpoint}/{BUCKET}/")
    assert rendition_key in keys
    with urllib.request.urlopen(rendition["url"]) as response:  # noqa: S310
        assert response.read(8) == b"\x89PNG\r\n\x1a\n"


def base_settings_output(code, env):
    """What ``code`` prints after importing the base settings in a fresh interpreter."""
    script = f"import cms.settings.base as s; {code}"
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_bucket_name_in_the_environment_selects_s3():
    env = {
        **os.environ,
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
    }
    output = base_settings_output(
        "print(s.STORAGES['default']['BACKEND'], s.AWS_STORAGE_BUCKET_NAME, s.AWS_S3_ENDPOINT_URL)",
        env,
    )
    assert output.split() == ["storages.backends.s3.S3Storage", BUCKET, "https://s3.example.org"]

    env.pop("AWS_STORAGE_BUCKET_NAME")
    output = base_settings_output("print(s.STORAGES['default'])", env)
    assert "FileSystemStorage" in output
