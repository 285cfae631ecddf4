package io.sluice.engine;

import io.sluice.common.ErrorType;
import org.junit.jupiter.api.Test;

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
}
