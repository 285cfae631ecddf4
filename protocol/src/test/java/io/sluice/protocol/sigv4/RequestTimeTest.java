package io.sluice.protocol.sigv4;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTimeTest {

    private static final Instant T = Instant.parse("2015-08-30T12:36:00Z");

    @Test
    void xAmzDateIsTheIsoBasicFormatOnly() {
        assertThat(RequestTime.parseAmzDate("20150830T123600Z")).isEqualTo(new RequestTime(T));
        assertThat(RequestTime.parseAmzDate("2015-08-30T12:36:00Z")).isNull();
        assertThat(RequestTime.parseAmzDate("20150230T123600Z")).isNull();
        assertThat(RequestTime.parseAmzDate("20150830T123600")).isNull();
    }

    @Test
    void aDateHeaderMayBeRfc1123OrBasic() {
        assertThat(RequestTime.parseDate("Sun, 30 Aug 2015 12:36:00 GMT")).isEqualTo(new RequestTime(T));
        assertThat(RequestTime.parseDate("20150830T123600Z")).isEqualTo(new RequestTime(T));
        assertThat(RequestTime.parseDate("yesterday")).isNull();
    }

    @Test
    void theStringToSignAndTheScopeUseTheBasicFormat() {
        RequestTime time = new RequestTime(T);

        assertThat(time.basic()).isEqualTo("20150830T123600Z");
        assertThat(time.day()).isEqualTo("20150830");
    }
}
