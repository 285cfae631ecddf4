package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.storage.BackPressureException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class PutOutcomeTest {

    @Test
    void backPressureIsAPerRecordInternalFailureAndA503ForPutRecord() {
        PutOutcome busy = PutOutcome.failed(ErrorType.SERVICE_UNAVAILABLE, RecordWriter.BUSY_MESSAGE);

        assertThat(busy.errorCode()).isEqualTo("InternalFailure");
        assertThat(busy.toException().type()).isEqualTo(ErrorType.SERVICE_UNAVAILABLE);
        assertThat(busy.toException().type().httpStatus()).isEqualTo(503);
    }

    @Test
    void throttledAndInternalFailuresKeepTheirAwsCodes() {
        assertThat(PutOutcome.failed(ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED, "Rate exceeded").errorCode())
                .isEqualTo("ProvisionedThroughputExceededException");
        assertThat(PutOutcome.failed(ErrorType.INTERNAL_FAILURE, "x").errorCode()).isEqualTo("InternalFailure");
        assertThat(PutOutcome.failed(ErrorType.INTERNAL_FAILURE, "x").toException().type())
                .isEqualTo(ErrorType.INTERNAL_FAILURE);
    }

    @Test
    void aBatchRefusedByStorageBackPressureFailsAsServiceUnavailableAndAnyOtherFailureAsInternal() {
        PutOutcome busy = RecordWriter.failedAppend(new CompletionException(new BackPressureException(300, 256)));
        PutOutcome broken = RecordWriter.failedAppend(new CompletionException(new IOException("EIO")));

        assertThat(busy.errorType()).isEqualTo(ErrorType.SERVICE_UNAVAILABLE);
        assertThat(broken.errorType()).isEqualTo(ErrorType.INTERNAL_FAILURE);
        assertThat(broken.errorMessage()).isEqualTo("Internal service failure.");
    }
}
