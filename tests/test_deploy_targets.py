"""Deploy targets as users name them, and what rclone is given for each: the AWS CLI's variables
and files for s3://, ssh's keys and known_hosts for sftp://, no password ever in a target."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio.errors import SettingsError
from audio.hosting.deploy.aws import aws_place
from audio.hosting.deploy.targets import LOCAL, REMOTE, S3, SFTP, WEBDAV, parse_target


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home with an ssh key and known_hosts, and no AWS files."""
    (tmp_path / ".ssh").mkdir()
    (tmp_path / ".ssh" / "id_ed25519").write_text("a key\n", encoding="utf-8")
    (tmp_path / ".ssh" / "known_hosts").write_text("host ssh-ed25519 AAAA\n", encoding="utf-8")
    return tmp_path


def aws_files(home: Path, config: str, credentials: str = "") -> dict[str, str]:
    (home / ".aws").mkdir(exist_ok=True)
    (home / ".aws" / "config").write_text(config, encoding="utf-8")
    (home / ".aws" / "credentials").write_text(credentials, encoding="utf-8")
    return {"AWS_CONFIG_FILE": str(home / ".aws" / "config")}


def test_s3_on_aws_names_bucket_prefix_and_asks_rclone_to_find_the_keys(home: Path) -> None:
    environ = {"AWS_REGION": "eu-central-1", "AWS_CONFIG_FILE": str(home / "none")}
    target = parse_target("s3://kommentare-audio/podcast/", environ, home)
    assert target.kind == S3
    assert target.remote == (
        ":s3,provider=AWS,env_auth=true,no_check_bucket=true,region=eu-central-1"
        ":kommentare-audio/podcast"
    )
    assert target.at("feed.xml") == target.remote + "/feed.xml"


def test_s3_endpoint_and_region_of_r2_from_the_variables() -> None:
    environ = {
        "AWS_ENDPOINT_URL": "https://0123abcd.r2.cloudflarestorage.com",
        "AWS_DEFAULT_REGION": "auto",
        "AWS_CONFIG_FILE": "/nonexistent/config",
    }
    target = parse_target("s3://podcast", environ)
    assert target.remote == (
        ":s3,provider=Cloudflare,env_auth=true,no_check_bucket=true,region=auto,"
        "endpoint='https://0123abcd.r2.cloudflarestorage.com':podcast/"
    )
    assert target.at("feed.xml").endswith(":podcast/feed.xml")
    assert "r2.cloudflarestorage.com" in target.identity


def test_the_profile_in_the_aws_config_gives_region_and_endpoint(home: Path) -> None:
    environ = aws_files(
        home,
        "[default]\nregion = us-west-2\n\n"
        "[profile hetzner]\nregion = fsn1\nservices = hetzner-s3\n\n"
        "[services hetzner-s3]\ns3 =\n  endpoint_url = https://fsn1.your-objectstorage.com\n",
    )
    assert aws_place(environ).region == "us-west-2"
    place = aws_place({**environ, "AWS_PROFILE": "hetzner"})
    assert (place.region, place.endpoint) == ("fsn1", "https://fsn1.your-objectstorage.com")
    target = parse_target("s3://podcast/audio", {**environ, "AWS_PROFILE": "hetzner"})
    assert ",provider=Hetzner," in target.remote


def test_variables_come_before_the_profile_as_with_the_aws_cli(home: Path) -> None:
    environ = aws_files(home, "[profile minio]\nregion = here\nendpoint_url = http://nas:9000\n")
    environ |= {"AWS_PROFILE": "minio", "AWS_REGION": "there", "AWS_ENDPOINT_URL_S3": "http://b"}
    assert aws_place(environ) == aws_place(environ).__class__("there", "http://b", "minio")
    assert ",provider=Other," in parse_target("s3://bucket", environ).remote


def test_s3_acl_for_stores_that_want_every_object_marked_public() -> None:
    target = parse_target("s3://spaces-bucket/podcast?acl=public-read", {"AWS_CONFIG_FILE": "-"})
    assert target.remote.endswith(",acl=public-read:spaces-bucket/podcast")
    with pytest.raises(SettingsError, match="unknown option storage"):
        parse_target("s3://bucket?storage=GLACIER", {"AWS_CONFIG_FILE": "-"})


def test_s3_without_a_bucket() -> None:
    with pytest.raises(SettingsError, match="names no bucket"):
        parse_target("s3:///podcast", {"AWS_CONFIG_FILE": "-"})


def test_sftp_with_the_default_key_and_known_hosts(home: Path) -> None:
    target = parse_target("sftp://anna@web.example.org:2222/var/www/podcast", {}, home)
    assert target.kind == SFTP
    assert target.remote == (
        f":sftp,host=web.example.org,user=anna,port=2222,known_hosts_file={home}/.ssh/known_hosts,"
        f"key_file={home}/.ssh/id_ed25519:/var/www/podcast"
    )


def test_sftp_through_the_agent_and_in_the_home_folder(home: Path) -> None:
    agent = {"SSH_AUTH_SOCK": "/run/agent.sock"}
    target = parse_target("sftp://anna@web.example.org/~/public_html", agent, home)
    assert "key_file" not in target.remote
    assert target.remote.endswith(":public_html")


def test_sftp_needs_a_known_host_and_a_key(home: Path) -> None:
    (home / ".ssh" / "id_ed25519").unlink()
    with pytest.raises(SettingsError, match=r"no ssh agent .* and no key id_ed25519"):
        parse_target("sftp://anna@web.example.org/srv", {}, home)
    (home / ".ssh" / "known_hosts").unlink()
    with pytest.raises(SettingsError, match=r"connect once with `ssh anna@web\.example\.org`"):
        parse_target("sftp://anna@web.example.org/srv", {"SSH_AUTH_SOCK": "/s"}, home)


@pytest.mark.parametrize(
    "text",
    [
        "sftp://anna:Geheim-2026!@web.example.org/srv",
        "webdav+https://anna:Geheim-2026!@cloud.example.org/remote.php/dav/files/anna",
    ],
)
def test_a_password_in_a_target_is_refused_and_never_repeated(text: str, home: Path) -> None:
    with pytest.raises(SettingsError) as refused:
        parse_target(text, {}, home)
    assert "holds a password" in str(refused.value)
    assert "Geheim-2026!" not in str(refused.value)


def test_webdav_of_a_nextcloud(home: Path) -> None:
    target = parse_target(
        "webdav+https://anna@cloud.example.org/remote.php/dav/files/anna/podcast?vendor=nextcloud",
        {},
        home,
    )
    assert target.kind == WEBDAV
    assert target.remote == (
        ":webdav,url='https://cloud.example.org/remote.php/dav/files/anna/podcast',user=anna,"
        "vendor=nextcloud:"
    )
    assert target.at("feed.xml") == target.remote + "feed.xml"
    # rclone makes folders below its url only: the target's own is made from the server's root.
    assert target.folder == (
        ":webdav,url='https://cloud.example.org/',user=anna,vendor=nextcloud:"
        "/remote.php/dav/files/anna/podcast"
    )


def test_an_rclone_remote_and_local_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    remote = parse_target("hetzner-box:podcast/audio")
    assert (remote.kind, remote.remote) == (REMOTE, "hetzner-box:podcast/audio")
    monkeypatch.chdir(tmp_path)
    folder = parse_target("public/podcast")
    assert (folder.kind, folder.remote) == (LOCAL, str(tmp_path / "public" / "podcast"))
    assert parse_target("file:///var/www/podcast").remote == "/var/www/podcast"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no deploy target"),
        ("ftp://example.org/podcast", "unknown kind ftp://"),
        (":s3,secret_access_key=x:bucket", "name a remote of your rclone config"),
    ],
)
def test_targets_that_name_nothing_deployable(text: str, problem: str) -> None:
    with pytest.raises(SettingsError, match=problem):
        parse_target(text)


def test_a_quote_in_a_value_is_doubled_for_rclone(home: Path) -> None:
    target = parse_target("webdav+https://host.example/it's,here", {}, home)
    assert "url='https://host.example/it''s,here'" in target.remote


def test_records_of_two_endpoints_are_kept_apart() -> None:
    aws = parse_target("s3://podcast", {"AWS_CONFIG_FILE": "-"})
    r2 = parse_target(
        "s3://podcast",
        {"AWS_CONFIG_FILE": "-", "AWS_ENDPOINT_URL": "https://x.r2.cloudflarestorage.com"},
    )
    assert aws.key != r2.key
