"""What every scenario script checks with: a counted assertion, and a call that must fail with an AWS error."""
from botocore.exceptions import ClientError

_passed = 0


def check(condition, what):
    global _passed
    if not condition:
        raise AssertionError(what)
    _passed += 1


def expect_error(code, call, **kwargs):
    """Calls and expects the AWS error `code` with HTTP status 400; returns the error."""
    try:
        call(**kwargs)
    except ClientError as e:
        got = e.response["Error"]["Code"]
        check(got == code, f"expected {code}, got {got}: {e}")
        check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 400, f"{code} status")
        return e
    raise AssertionError(f"expected {code}, the call succeeded: {getattr(call, '__name__', call)} {kwargs}")


def passed():
    return _passed
