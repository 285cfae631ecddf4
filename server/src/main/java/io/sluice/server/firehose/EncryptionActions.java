package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;

/**
 * StartDeliveryStreamEncryption and StopDeliveryStreamEncryption: while encryption is on, records are sealed in
 * the delivery stream's buffer (see {@link KmsBufferSealer}) and reported as encrypted. Thread-safe.
 */
final class EncryptionActions {

    private static final List<String> KEY_TYPES = List.of("AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK");

    private final FirehoseEngine engine;

    EncryptionActions(FirehoseEngine engine) {
        this.engine = engine;
    }

    void start(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        WireObject config = in.object("DeliveryStreamEncryptionConfigurationInput");
        Validator v = DeliveryStreamActions.name(new Validator(), name);
        validate(v, "deliveryStreamEncryptionConfigurationInput", config);
        v.check();
        engine.startEncryption(DeliveryStreamActions.key(context, name),
                config == null ? null : config.string("KeyType"), config == null ? null : config.string("KeyARN"));
    }

    void stop(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("DeliveryStreamName");
        DeliveryStreamActions.name(new Validator(), name).check();
        engine.stopEncryption(DeliveryStreamActions.key(context, name));
    }

    /**
     * Checks a DeliveryStreamEncryptionConfigurationInput: the model's constraints into {@code v}, and that a
     * customer managed key names its ARN and an AWS owned one does not.
     */
    static void validate(Validator v, String path, WireObject config) {
        if (config == null) {
            return;
        }
        String type = config.string("KeyType");
        String arn = config.string("KeyARN");
        v.required(path + ".keyType", type).oneOf(path + ".keyType", type, KEY_TYPES)
                .length(path + ".keyARN", arn, 1, 512).pattern(path + ".keyARN", arn, Patterns.KMS_KEY_ARN);
        if ("CUSTOMER_MANAGED_CMK".equals(type) && arn == null) {
            throw ServiceException.invalidArgument("KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
        }
        if ("AWS_OWNED_CMK".equals(type) && arn != null) {
            throw ServiceException.invalidArgument("KeyARN must not be given when KeyType is AWS_OWNED_CMK.");
        }
    }

}
