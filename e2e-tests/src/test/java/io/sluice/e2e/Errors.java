package io.sluice.e2e;

import org.assertj.core.api.ThrowableAssert;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Asserts that a call fails with a given AWS error code, as the SDK parsed it from the server's answer. */
final class Errors {

    private Errors() {
    }

    static AwsServiceException assertAwsError(ThrowableAssert.ThrowingCallable call, String errorCode) {
        Throwable thrown = catchThrowable(call);
        if (thrown instanceof CompletionException completion) {
            thrown = completion.getCause();
        }
        assertThat(thrown).as("expected %s", errorCode).isInstanceOf(AwsServiceException.class);
        AwsServiceException error = (AwsServiceException) thrown;
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(error.requestId()).isNotBlank();
        return error;
    }
}
