"""Region and endpoint of an `s3://` target, from AWS's standard variables and files as the AWS
CLI reads them: `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT_URL_S3`/`AWS_ENDPOINT_URL`, then
the profile's `region` and `endpoint_url` in ~/.aws/config (`AWS_CONFIG_FILE`; the profile from
`AWS_PROFILE`, else `default`), a `[services NAME]` section's `s3` endpoint included.

Only these two are read here, because rclone's S3 backend takes them from its own options alone
(measured: rclone 1.75 signs for us-east-1 whatever AWS_REGION says). Keys are never read here:
rclone's AWS SDK finds them itself (`env_auth`) in the same variables and files, so no credential
passes through this process.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from audio.errors import SettingsError


@dataclass(frozen=True)
class AwsPlace:
    region: str = ""
    endpoint: str = ""
    """The S3 API's URL; "" for AWS itself."""
    profile: str = "default"


def aws_place(environ: Mapping[str, str] | None = None) -> AwsPlace:
    environ = os.environ if environ is None else environ
    profile = environ.get("AWS_PROFILE") or environ.get("AWS_DEFAULT_PROFILE") or "default"
    config = _read_config(environ)
    section = _profile_section(config, profile)
    region = (
        environ.get("AWS_REGION") or environ.get("AWS_DEFAULT_REGION") or section.get("region", "")
    )
    endpoint = (
        environ.get("AWS_ENDPOINT_URL_S3")
        or environ.get("AWS_ENDPOINT_URL")
        or _service_endpoint(config, section)
        or section.get("endpoint_url", "")
    )
    return AwsPlace(region.strip(), endpoint.strip(), profile)


def _read_config(environ: Mapping[str, str]) -> configparser.RawConfigParser:
    path = Path(environ.get("AWS_CONFIG_FILE") or Path.home() / ".aws" / "config").expanduser()
    config = configparser.RawConfigParser()
    try:
        config.read(path, encoding="utf-8")
    except configparser.Error as error:
        raise SettingsError(f"{path}: cannot read the AWS configuration: {error}") from error
    return config


def _profile_section(config: configparser.RawConfigParser, profile: str) -> dict[str, str]:
    """The profile's settings: `[default]` or `[profile NAME]`, as the AWS CLI names them."""
    for name in (f"profile {profile}", profile if profile == "default" else ""):
        if name and config.has_section(name):
            return dict(config.items(name))
    return {}


def _service_endpoint(config: configparser.RawConfigParser, section: dict[str, str]) -> str:
    """`endpoint_url` under `s3 =` in the profile's `[services NAME]` section."""
    services = section.get("services", "").strip()
    if not services or not config.has_section(f"services {services}"):
        return ""
    nested = config.get(f"services {services}", "s3", fallback="")
    for line in nested.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "endpoint_url":
            return value.strip()
    return ""
