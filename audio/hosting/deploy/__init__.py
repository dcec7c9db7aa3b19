"""Deploying the output folder to where podcast apps and smart speakers fetch it: S3-compatible
storage, an SFTP host, WebDAV, any rclone remote or a local folder, through rclone. Only what
changed is sent, the feed last; files of removed editions go only after the new feed is up."""

from audio.hosting.deploy.deployment import DeployReport, Events, deploy_locked, deploy_output
from audio.hosting.deploy.failures import DeployError
from audio.hosting.deploy.targets import Target, parse_target

__all__ = [
    "DeployError",
    "DeployReport",
    "Events",
    "Target",
    "deploy_locked",
    "deploy_output",
    "parse_target",
]
