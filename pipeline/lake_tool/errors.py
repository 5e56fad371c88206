"""Expected failures, each turned into a message that says what went wrong and what to do next.

The CLI prints a LakeToolError without a traceback; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from boto3.exceptions import S3UploadFailedError
from botocore import exceptions as boto

# Error codes AWS returns for a bucket that does not exist: HEAD requests have no body, so only the status.
MISSING_BUCKET_CODES = {"NoSuchBucket", "404", "NotFound"}
DENIED_CODES = {"AccessDenied", "AccessDeniedException", "403", "Forbidden", "AllAccessDisabled"}
BAD_CREDENTIAL_CODES = {
    "InvalidAccessKeyId",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidToken",
    "RequestExpired",
}
# The IAM action each S3 operation the tool calls needs, so an access-denied message can name it.
IAM_ACTIONS = {
    "HeadBucket": "s3:ListBucket",
    "ListObjectsV2": "s3:ListBucket",
    "PutObject": "s3:PutObject",
    "CreateMultipartUpload": "s3:PutObject",
    "UploadPart": "s3:PutObject",
    "CompleteMultipartUpload": "s3:PutObject",
}


class LakeToolError(Exception):
    """A failure the user can fix: what went wrong, then one or more next steps."""

    def __init__(self, problem: str, *hints: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.hints = hints

    def __str__(self) -> str:
        return "\n".join([self.problem, *(f"  hint: {hint}" for hint in self.hints)])


def deploy_command(env: str) -> str:
    """The CDK command that creates an environment's buckets (stage `env`, stack `foundation`)."""
    return f"npx cdk deploy '{env}/foundation'"


@contextmanager
def aws_failures(env: str, profile: str | None = None, bucket: str | None = None) -> Iterator[None]:
    """Turns the botocore exceptions of the calls inside into LakeToolErrors with next steps."""
    try:
        yield
    except (boto.BotoCoreError, boto.ClientError, S3UploadFailedError) as error:
        raise explain(error, env=env, profile=profile, bucket=bucket) from error


def explain(
    error: Exception, *, env: str, profile: str | None = None, bucket: str | None = None
) -> LakeToolError:
    """The LakeToolError that tells the user what `error` means for them."""
    # upload_file wraps the real ClientError in S3UploadFailedError; its context is the useful one.
    if isinstance(error, S3UploadFailedError):
        cause = error.__cause__ or error.__context__
        if isinstance(cause, boto.ClientError):
            return _client_error(cause, env=env, profile=profile, bucket=bucket)
        return LakeToolError(
            f"Upload failed: {error}",
            "Run the command again; if it keeps failing, check the bucket with the `buckets` command.",
        )
    if isinstance(error, boto.ClientError):
        return _client_error(error, env=env, profile=profile, bucket=bucket)
    if isinstance(error, boto.ProfileNotFound):
        return _profile_not_found(error.kwargs.get("profile", profile or "?"))
    if isinstance(error, (boto.NoCredentialsError, boto.PartialCredentialsError)):
        return _no_credentials(profile)
    if isinstance(error, (boto.SSOError, boto.TokenRetrievalError)):
        name = profile or "NAME"
        return LakeToolError(
            f"The AWS SSO session is expired or was never started ({error}).",
            f"Sign in again: aws sso login --profile {name}",
        )
    if isinstance(error, (boto.ConnectionError, boto.HTTPClientError)):
        return LakeToolError(
            f"Could not reach AWS: {error}",
            "Check your network connection and the region (--region).",
            "If AWS_ENDPOINT_URL is set (a local AWS such as moto), check that its server is running.",
        )
    return LakeToolError(
        f"AWS call failed: {error}", "Check your AWS setup: aws sts get-caller-identity --profile NAME"
    )


def _client_error(
    error: boto.ClientError, *, env: str, profile: str | None, bucket: str | None
) -> LakeToolError:
    info = error.response.get("Error", {})
    code = str(info.get("Code", "Unknown"))
    message = info.get("Message") or ""
    operation = error.operation_name
    target = f" on bucket {bucket}" if bucket else ""
    said = f" AWS said: {message}" if message else ""

    if code in MISSING_BUCKET_CODES and bucket:
        return LakeToolError(
            f"Bucket {bucket} does not exist ({code} from {operation}).",
            f"The {env} data lake is not deployed yet (or was deleted). Deploy it: {deploy_command(env)}",
            f"Check which buckets exist: python3 -m pipeline.lake_tool buckets --env {env}",
        )
    if code in DENIED_CODES:
        action = IAM_ACTIONS.get(operation)
        needs = f" needs {action}{target}" if action else ""
        hints = [
            "Check the permissions of the role or user behind these credentials "
            f"(aws sts get-caller-identity): {operation}{needs}.",
            "The project's roles are least-privilege: the analyst role reads curated only, and "
            "upload-only credentials may write to raw but not list or read it; "
            "listing raw needs your own user or an admin.",
        ]
        if "kms" in message.lower():  # environments with "encryption": "kms" also need the key
            hints.append("The bucket uses the environment's KMS key: uploads need kms:GenerateDataKey on it.")
        return LakeToolError(f"Access denied: {operation}{target} ({code}).{said}", *hints)
    if code in BAD_CREDENTIAL_CODES:
        name = profile or "NAME"
        return LakeToolError(
            f"AWS rejected the credentials ({code} from {operation}).{said}",
            f"Refresh them: aws sso login --profile {name}, or set new access keys with `aws configure`.",
            "If the computer's clock is wrong, signatures fail too: check the system time.",
        )
    attempts = error.response.get("ResponseMetadata", {}).get("RetryAttempts", 0)
    retried = f" after {attempts + 1} attempts" if attempts else ""
    return LakeToolError(
        f"{operation}{target} failed{retried}: {code}.{said}",
        f"Look up the error code {code} for {operation} in the Amazon S3 / STS documentation; "
        "throttling and server errors (5xx) usually pass: try again in a minute.",
    )


def _no_credentials(profile: str | None) -> LakeToolError:
    which = f" for profile {profile}" if profile else ""
    return LakeToolError(
        f"No AWS credentials found{which}.",
        "Set up access keys with `aws configure`, "
        "or sign in with IAM Identity Center: aws sso login --profile NAME",
        "Then pass the profile to this tool with --profile NAME (or set AWS_PROFILE).",
    )


def _profile_not_found(profile: str) -> LakeToolError:
    return LakeToolError(
        f"The AWS profile '{profile}' does not exist in your AWS config (~/.aws/config or AWS_CONFIG_FILE).",
        "List the profiles you have: aws configure list-profiles",
        f"Create it: aws configure --profile {profile} (access keys) "
        f"or aws configure sso --profile {profile} (IAM Identity Center), or pass an existing one.",
    )
