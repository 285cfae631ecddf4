package io.sluice.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AnalyticsMetrics metrics = new AnalyticsMetrics(registry);

    @Test
    void eachApplicationsInputsOutputsLagAndErrorsAppearOnTheScrape() {
        metrics.input("ticker", "1.1", 3, 120);
        metrics.input("ticker", "1.1", 2, 80);
        metrics.millisBehindLatest("ticker", "1.1", 1500);
        metrics.millisBehindLatest("ticker", "1.1", 250);
        metrics.output("ticker", "DESTINATION_SQL_STREAM", "KinesisStream", 4);
        metrics.output("ticker", "error_stream", "Lambda", 1);
        metrics.errors("ticker", 1);
        metrics.input("other", "1.1", 7, 7);

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("KinesisAnalytics_InputRecords_total{Application=\"ticker\",Id=\"1.1\"} 5.0")
                .contains("KinesisAnalytics_InputBytes_total{Application=\"ticker\",Id=\"1.1\"} 200.0")
                .contains("KinesisAnalytics_MillisBehindLatest{Application=\"ticker\",Id=\"1.1\"} 250.0")
                .contains("KinesisAnalytics_OutputRecords_total{Application=\"ticker\",Destination=\"KinesisStream\","
                        + "Id=\"DESTINATION_SQL_STREAM\"} 4.0")
                .contains("KinesisAnalytics_ErrorStreamRecords_total{Application=\"ticker\"} 1.0")
                .contains("KinesisAnalytics_InputRecords_total{Application=\"other\",Id=\"1.1\"} 7.0");
    }
}
