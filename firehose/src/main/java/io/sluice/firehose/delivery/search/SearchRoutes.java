package io.sluice.firehose.delivery.search;

import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.delivery.Routes;
import io.sluice.firehose.delivery.S3Writer;
import io.sluice.firehose.delivery.Sink;

import java.time.ZoneOffset;

/**
 * The routes of an OpenSearch or Elasticsearch destination: the cluster (which writes its failed documents to the
 * S3 error output itself, see {@link SearchSink}), every source record to S3 with AllDocuments, and processing
 * failures to the error output. Stateless.
 */
public final class SearchRoutes {

    /** The sink owns the retry window; the worker must never give a whole batch up. */
    private static final long UNBOUNDED = Long.MAX_VALUE / 4;

    private SearchRoutes() {
    }

    public static Routes of(DeliveryStreamMeta meta, SearchDestination d, Routes.Tools tools) {
        S3Settings s3 = d.s3();
        S3Writer.Naming naming = new S3Writer.Naming(meta.key().name(), meta.version(), ZoneOffset.UTC, null);
        Sink errors = new S3Writer(tools.objects(), s3, PrefixTemplate.forErrors(s3.errorOutputPrefix()), naming,
                tools.random());
        Sink main = new SearchSink(tools.http(), d, new ErrorOutput(errors, d.service().errorOutputType()),
                tools.requestTimeout(), tools.clock());
        Sink backup = d.allDocumentsBackup() ? new S3Writer(tools.objects(), s3,
                PrefixTemplate.forObjects(s3.prefix(), false), naming, tools.random()) : null;
        DeliveryObserver.Target target = d.service() == SearchDestination.Service.ELASTICSEARCH
                ? DeliveryObserver.Target.ELASTICSEARCH : DeliveryObserver.Target.OPENSEARCH;
        return new Routes(main, target, d.bufferingHints(), UNBOUNDED, d.service().errorOutputType(), false, backup,
                d.allDocumentsBackup() ? s3.bufferingHints() : null, errors, s3.bufferingHints());
    }
}
