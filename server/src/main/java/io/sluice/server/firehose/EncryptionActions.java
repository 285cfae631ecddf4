package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;
import io.sluice.server.kinesis.RequestContext;

import java.util.List;

/**
 * StartDeliveryStreamEncryption and StopDeliveryStreamEncryption. Sluice does not encrypt delivery-stream buffers
 * yet, so starting encryption is refused with a clear error rather than reported as on; stopping it (it is never
 * on) succeeds. Thread-safe.
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
        engine.describe(DeliveryStreamActions.key(context, name));
        throw notSupported();
    }

    /** Server-side encryption of delivery streams: not there yet, and never pretended. */
    static ServiceException notSupported() {
        return ServiceException.invalidArgument("Server-side encryption of delivery streams is not supported by "
                + "Sluice yet; the records of a delivery stream are stored unencrypted.");
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
