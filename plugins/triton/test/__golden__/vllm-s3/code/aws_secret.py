"""The Hugging Face token from AWS Secrets Manager, for code/serve to hand to the engine.

mcc deploys a gated or private Hub model with MCC_HF_TOKEN_SECRET_ARN=<secret ARN> in the
container's environment, never the token itself; the endpoint's execution role may call
secretsmanager:GetSecretValue on that secret. code/serve calls hf_token_environment() before it
starts the engine and gives the engine (only) HF_TOKEN. The token stays in memory: it is never
written to disk nor logged, and no message here contains it.

- MCC_HF_TOKEN_SECRET_ARN unset or empty: nothing is read.
- HF_TOKEN already set: it wins and the secret is not read.
- The secret's SecretString is the token itself, or a JSON object holding it under one of the keys
  HF_TOKEN, hf_token or token (the first present wins).

With boto3 importable it makes the call; otherwise the standard library does: a SigV4-signed POST
to the Secrets Manager API. Region: the ARN's, else AWS_REGION or AWS_DEFAULT_REGION. Endpoint:
AWS_ENDPOINT_URL_SECRETS_MANAGER, else AWS_ENDPOINT_URL, else the region's public one.
Credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), else the container
credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI, as SageMaker and ECS
provide), else the instance metadata service (IMDSv2). Throttling, 5xx answers and timeouts are
retried a few times with short timeouts; any failure raises SecretError with one line naming the
secret, the AWS error code and what to check.
"""

import datetime
import hashlib
import hmac
import ipaddress
import json
import os
import random
import socket
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urlsplit

ARN_VARIABLE = "MCC_HF_TOKEN_SECRET_ARN"
TOKEN_VARIABLE = "HF_TOKEN"
# Keys a JSON SecretString may hold the token under, in order.
TOKEN_KEYS = ("HF_TOKEN", "hf_token", "token")
SERVICE = "secretsmanager"
TARGET = "secretsmanager.GetSecretValue"
CONTENT_TYPE = "application/x-amz-json-1.1"
REQUEST_TIMEOUT_SECONDS = 5
CREDENTIALS_TIMEOUT_SECONDS = 2
ATTEMPTS = 3
CONTAINER_HOST = "http://169.254.170.2"
IMDS_ENDPOINT = "http://169.254.169.254"
# Hosts a plain-http AWS_CONTAINER_CREDENTIALS_FULL_URI may name (as the AWS SDKs allow).
CONTAINER_HOSTS = {"169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"}
RETRIED_CODES = {
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "InternalServiceError",
    "InternalFailure",
    "ServiceUnavailable",
    "RequestTimeout",
}
HINTS = {
    "AccessDeniedException": "check that the endpoint's execution role allows secretsmanager:GetSecretValue "
    "on this secret (and kms:Decrypt on its KMS key when it is a customer-managed key)",
    "ResourceNotFoundException": "check the ARN: the secret must exist in its region and account "
    "(regenerate with --option hf-token-secret=<ARN> to change it)",
    "DecryptionFailure": "check that the execution role may use the secret's KMS key (kms:Decrypt)",
    "InvalidRequestException": "check that the secret is not scheduled for deletion and has a current value",
    "NoCredentials": "no AWS credentials were found in the environment, the container credentials "
    "endpoint or the instance metadata service; check the endpoint's execution role",
    "CredentialsError": "check the container's credentials endpoint and the endpoint's execution role",
    "UnrecognizedClientException": "check the container's AWS credentials",
    "InvalidSignatureException": "check the container's AWS credentials and clock",
    "ExpiredTokenException": "check the container's AWS credentials",
    "NoRegion": "use a full secret ARN, or set AWS_REGION",
    "Timeout": "check that the container reaches Secrets Manager (in a VPC: a Secrets Manager VPC endpoint "
    "or a NAT gateway)",
    "ConnectionError": "check that the container reaches Secrets Manager (in a VPC: a Secrets Manager VPC "
    "endpoint or a NAT gateway)",
    "BinarySecret": "store the token as the secret's SecretString, not as SecretBinary",
    "EmptySecret": "put the token into the secret's SecretString",
    "UnknownSecretShape": "store the token itself, or a JSON object with a HF_TOKEN, hf_token or token key",
}
DEFAULT_HINT = "check the endpoint's execution role policy and the secret"


class SecretError(Exception):
    """A failure to read the token, as one line without the secret's value."""

    def __init__(self, arn: str, code: str, detail: str = "") -> None:
        self.code = code
        detail = " ".join(str(detail).split())[:300]
        hint = HINTS.get(code, DEFAULT_HINT)
        super().__init__(
            f"cannot read the Hugging Face token from Secrets Manager secret {arn}: {code}"
            + (f" ({detail})" if detail else "")
            + f"; {hint}"
        )


class _Failure(Exception):
    """A code and a detail, before the ARN is known to the message."""

    def __init__(self, code: str, detail: str = "", retry: bool = False) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.retry = retry


def _log(message: str) -> None:
    print(f"serve: {message}", file=sys.stderr, flush=True)


def hf_token_environment(environ=None, log=_log) -> dict:
    """{"HF_TOKEN": token} for the engine's environment, or {} when there is nothing to read."""
    environ = os.environ if environ is None else environ
    arn = environ.get(ARN_VARIABLE, "").strip()
    if not arn:
        return {}
    if environ.get(TOKEN_VARIABLE, ""):
        log(f"{TOKEN_VARIABLE} is already set; the secret in {ARN_VARIABLE} is not read")
        return {}
    try:
        region = region_of(arn, environ)
        text = get_secret_string(arn, region, environ)
        token = token_of(text)
    except _Failure as failure:
        raise SecretError(arn, failure.code, failure.detail) from None
    log(f"{TOKEN_VARIABLE} for the engine read from Secrets Manager secret {arn}")
    return {TOKEN_VARIABLE: token}


def region_of(arn: str, environ) -> str:
    """arn:<partition>:secretsmanager:<region>:<account>:secret:<name>, else the environment's region."""
    parts = arn.split(":")
    if len(parts) >= 7 and parts[0] == "arn" and parts[2] == SERVICE and parts[3]:
        return parts[3]
    region = environ.get("AWS_REGION", "").strip() or environ.get("AWS_DEFAULT_REGION", "").strip()
    if not region:
        raise _Failure("NoRegion", "the secret id names no region and AWS_REGION is not set")
    return region


def endpoint_of(region: str, environ) -> str:
    explicit = environ.get("AWS_ENDPOINT_URL_SECRETS_MANAGER", "").strip()
    explicit = explicit or environ.get("AWS_ENDPOINT_URL", "").strip()
    if explicit:
        return explicit
    suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    return f"https://{SERVICE}.{region}.{suffix}"


def token_of(text) -> str:
    """The token in a SecretString: the text itself, or one of TOKEN_KEYS of a JSON object."""
    if not isinstance(text, str) or not text.strip():
        raise _Failure("EmptySecret", "the secret's SecretString is empty")
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            document = json.loads(stripped)
        except ValueError:
            raise _Failure("UnknownSecretShape", "the SecretString starts like JSON but is not valid JSON") from None
        for key in TOKEN_KEYS:
            value = document.get(key) if isinstance(document, dict) else None
            if isinstance(value, str) and value.strip():
                return value.strip()
        raise _Failure("UnknownSecretShape", f"the JSON SecretString has none of the keys {', '.join(TOKEN_KEYS)}")
    if any(char.isspace() for char in stripped):
        raise _Failure("UnknownSecretShape", "the SecretString is neither a single token nor a JSON object")
    return stripped


def _secret_string(answer: dict):
    if answer.get("SecretString") is not None:
        return answer["SecretString"]
    if answer.get("SecretBinary") is not None:
        raise _Failure("BinarySecret", "the secret holds SecretBinary")
    raise _Failure("EmptySecret", "the secret has no SecretString")


def get_secret_string(arn: str, region: str, environ) -> str:
    try:
        import boto3  # noqa: F401  (many engine images ship it)
    except ImportError:
        return _secret_string(_get_with_stdlib(arn, region, environ))
    return _secret_string(_get_with_boto3(arn, region, environ))


# --- boto3 -------------------------------------------------------------------------------------


def _get_with_boto3(arn: str, region: str, environ) -> dict:
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

    config = Config(
        connect_timeout=REQUEST_TIMEOUT_SECONDS,
        read_timeout=REQUEST_TIMEOUT_SECONDS,
        retries={"max_attempts": ATTEMPTS, "mode": "standard"},
    )
    explicit = environ.get("AWS_ENDPOINT_URL_SECRETS_MANAGER", "").strip() or None
    try:
        client = boto3.session.Session().client(SERVICE, region_name=region, endpoint_url=explicit, config=config)
        return client.get_secret_value(SecretId=arn)
    except ClientError as error:
        details = error.response.get("Error", {})
        raise _Failure(details.get("Code", "ClientError"), details.get("Message", "")) from None
    except NoCredentialsError:
        raise _Failure("NoCredentials") from None
    except BotoCoreError as error:
        name = type(error).__name__
        code = "Timeout" if "Timeout" in name else "ConnectionError" if "Connect" in name else name
        raise _Failure(code, str(error)) from None


# --- the standard library ----------------------------------------------------------------------


def _http(request, timeout: float):
    """(status, headers, body) of a request; HTTP errors are answers, network errors _Failure."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()
    except (socket.timeout, TimeoutError) as error:
        raise _Failure("Timeout", f"{request.full_url}: {error}", retry=True) from None
    except urllib.error.URLError as error:
        reason = error.reason
        code = "Timeout" if isinstance(reason, (socket.timeout, TimeoutError)) else "ConnectionError"
        raise _Failure(code, f"{request.full_url}: {reason}", retry=True) from None
    except (OSError, ValueError) as error:
        raise _Failure("ConnectionError", f"{request.full_url}: {error}", retry=True) from None


def _with_retries(call):
    """call() again on a retryable _Failure, a few times, with a short jittered back-off."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return call()
        except _Failure as failure:
            if not failure.retry or attempt == ATTEMPTS:
                raise
        time.sleep(min(2.0, 0.25 * 2**attempt) * (0.5 + random.random() / 2))
    raise AssertionError("unreachable")


def _error_code(status: int, headers, body: bytes):
    """The AWS error code and message of a JSON 1.1 error answer."""
    code, message = "", ""
    try:
        document = json.loads(body or b"{}")
        code = str(document.get("__type") or document.get("code") or "")
        message = str(document.get("message") or document.get("Message") or "")
    except (ValueError, AttributeError):
        pass
    code = code or (headers.get("x-amzn-ErrorType") or "" if headers else "")
    code = code.split("#")[-1].split(":")[0] or f"HTTP{status}"
    return code, message


def _get_with_stdlib(arn: str, region: str, environ) -> dict:
    credentials = credentials_of(environ)
    endpoint = endpoint_of(region, environ)
    body = json.dumps({"SecretId": arn}).encode()

    def call() -> dict:
        headers = {"Content-Type": CONTENT_TYPE, "X-Amz-Target": TARGET}
        url = endpoint.rstrip("/") + "/" if not urlsplit(endpoint).path else endpoint
        signed = sign("POST", url, region, SERVICE, headers, body, credentials)
        request = urllib.request.Request(url, data=body, headers=signed, method="POST")
        status, answer_headers, answer = _http(request, REQUEST_TIMEOUT_SECONDS)
        if status == 200:
            try:
                return json.loads(answer)
            except ValueError:
                raise _Failure("InvalidResponse", f"HTTP 200 from {endpoint} is not JSON") from None
        code, message = _error_code(status, answer_headers, answer)
        raise _Failure(code, message, retry=status >= 500 or status == 429 or code in RETRIED_CODES)

    return _with_retries(call)


def sign(method: str, url: str, region: str, service: str, headers: dict, body: bytes, credentials, now=None) -> dict:
    """The headers with SigV4's x-amz-date, x-amz-security-token and Authorization added."""
    access_key, secret_key, session_token = credentials
    now = now or datetime.datetime.now(datetime.timezone.utc)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = amz_date[:8]
    parts = urlsplit(url)
    signed = dict(headers, Host=parts.netloc, **{"X-Amz-Date": amz_date})
    if session_token:
        signed["X-Amz-Security-Token"] = session_token
    canonical_headers = sorted((name.lower(), " ".join(str(value).split())) for name, value in signed.items())
    signed_names = ";".join(name for name, _ in canonical_headers)
    # Non-S3 services encode each path segment twice.
    path = "/".join(quote(quote(segment, safe="-_.~"), safe="-_.~") for segment in (parts.path or "/").split("/"))
    canonical_request = "\n".join(
        [
            method,
            path or "/",
            "",
            "".join(f"{name}:{value}\n" for name, value in canonical_headers),
            signed_names,
            hashlib.sha256(body).hexdigest(),
        ]
    )
    scope = f"{day}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical_request.encode()).hexdigest()]
    )
    key = ("AWS4" + secret_key).encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    signed["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={access_key}/{scope}, SignedHeaders={signed_names}, Signature={signature}"
    )
    return signed


# --- credentials -------------------------------------------------------------------------------


def credentials_of(environ):
    """(access key id, secret access key, session token or None) from the first source that has them."""
    access_key = environ.get("AWS_ACCESS_KEY_ID", "").strip()
    secret_key = environ.get("AWS_SECRET_ACCESS_KEY", "").strip()
    if access_key and secret_key:
        return access_key, secret_key, environ.get("AWS_SESSION_TOKEN", "").strip() or None
    relative = environ.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "").strip()
    full = environ.get("AWS_CONTAINER_CREDENTIALS_FULL_URI", "").strip()
    if relative:
        return _container_credentials(CONTAINER_HOST + relative, None)
    if full:
        _check_full_uri(full)
        return _container_credentials(full, _container_authorization(environ))
    if environ.get("AWS_EC2_METADATA_DISABLED", "").strip().lower() != "true":
        found = _imds_credentials(environ)
        if found:
            return found
    raise _Failure("NoCredentials")


def _check_full_uri(uri: str) -> None:
    parts = urlsplit(uri)
    if parts.scheme == "https":
        return
    host = parts.hostname or ""
    if parts.scheme == "http":
        if host in CONTAINER_HOSTS:
            return
        try:
            if ipaddress.ip_address(host).is_loopback:
                return
        except ValueError:
            pass
    raise _Failure(
        "CredentialsError",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI must be https, or http to a loopback or container-credentials host",
    )


def _container_authorization(environ):
    path = environ.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "").strip()
    if path:
        try:
            with open(path, encoding="utf-8") as handle:
                return handle.read().strip()
        except OSError as error:
            raise _Failure("CredentialsError", f"cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: {error}") from None
    return environ.get("AWS_CONTAINER_AUTHORIZATION_TOKEN", "").strip() or None


def _credentials_from(document, source: str):
    try:
        return document["AccessKeyId"], document["SecretAccessKey"], document.get("Token") or None
    except (KeyError, TypeError):
        raise _Failure("CredentialsError", f"{source} answered without AccessKeyId and SecretAccessKey") from None


def _container_credentials(url: str, authorization):
    headers = {"Accept": "application/json"}
    if authorization:
        headers["Authorization"] = authorization

    def call():
        status, _headers, body = _http(urllib.request.Request(url, headers=headers), CREDENTIALS_TIMEOUT_SECONDS)
        if status != 200:
            raise _Failure(
                "CredentialsError",
                f"the container credentials endpoint answered HTTP {status}",
                retry=status >= 500 or status == 429,
            )
        try:
            return json.loads(body)
        except ValueError:
            raise _Failure("CredentialsError", "the container credentials endpoint answered no JSON") from None

    try:
        document = _with_retries(call)
    except _Failure as failure:
        if failure.code in ("Timeout", "ConnectionError"):
            raise _Failure("CredentialsError", failure.detail) from None
        raise
    return _credentials_from(document, "the container credentials endpoint")


def _imds_credentials(environ):
    """The instance role's credentials through IMDSv2, or None when there is no metadata service."""
    base = (environ.get("AWS_EC2_METADATA_SERVICE_ENDPOINT", "").strip() or IMDS_ENDPOINT).rstrip("/")
    try:
        status, _h, token = _http(
            urllib.request.Request(
                base + "/latest/api/token",
                method="PUT",
                headers={"X-aws-ec2-metadata-token-ttl-seconds": "300"},
            ),
            CREDENTIALS_TIMEOUT_SECONDS,
        )
        if status != 200:
            return None
        headers = {"X-aws-ec2-metadata-token": token.decode().strip()}
        url = base + "/latest/meta-data/iam/security-credentials/"
        status, _h, roles = _http(urllib.request.Request(url, headers=headers), CREDENTIALS_TIMEOUT_SECONDS)
        role = roles.decode().strip().splitlines()[0].strip() if status == 200 and roles.strip() else ""
        if not role:
            return None
        status, _h, body = _http(urllib.request.Request(url + role, headers=headers), CREDENTIALS_TIMEOUT_SECONDS)
    except _Failure:
        return None
    if status != 200:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return _credentials_from(document, "the instance metadata service")


if __name__ == "__main__":
    # `python3 aws_secret.py` checks the secret is readable, without printing the token.
    try:
        found = hf_token_environment()
    except SecretError as error:
        sys.exit(f"serve: {error}")
    _log("the token was read" if found else f"nothing to read ({ARN_VARIABLE} unset or {TOKEN_VARIABLE} set)")
