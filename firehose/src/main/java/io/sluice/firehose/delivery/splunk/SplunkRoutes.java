package io.sluice.firehose.delivery.splunk;

import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.delivery.Routes;
import io.sluice.firehose.delivery.S3Writer;
import io.sluice.firehose.delivery.Sink;

import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The routes of a Splunk destination: HEC, retried for RetryOptions.DurationInSeconds and then written under
 * {@code splunk-failed/}; every source record to S3 with AllEvents; processing failures to the error output.
 * Stateless.
 */
public final class SplunkRoutes {

    private SplunkRoutes() {
    }

    public static Routes of(DeliveryStreamMeta meta, SplunkDestination d, Routes.Tools tools) {
        S3Settings s3 = d.s3();
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), ZoneOffset.UTC, null);
        Sink errors = new S3Writer(tools.objects(), s3, PrefixTemplate.forErrors(s3.errorOutputPrefix()), naming,
                tools.random());
        String channel = new UUID(tools.random().nextLong(), tools.random().nextLong()).toString();
        Sink main = new SplunkSink(tools.http(), d, channel, tools.requestTimeout(), tools.clock(), Pause.SLEEP);
        Sink backup = d.allEventsBackup() ? new S3Writer(tools.objects(), s3,
                PrefixTemplate.forObjects(s3.prefix(), false), naming, tools.random()) : null;
        return new Routes(main, DeliveryObserver.Target.SPLUNK, d.bufferingHints(), d.retryDurationSeconds() * 1000L,
                "splunk-failed", false, backup, d.allEventsBackup() ? s3.bufferingHints() : null, errors,
                s3.bufferingHints());
    }
}
