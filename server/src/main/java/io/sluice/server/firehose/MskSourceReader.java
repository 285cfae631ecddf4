package io.sluice.server.firehose;

import io.sluice.firehose.CreateRequest;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.List;

/** Reads a CreateDeliveryStream call's MSKSourceConfiguration against the Firehose model. Stateless. */
final class MskSourceReader {

    private static final String PATH = "mSKSourceConfiguration.";

    private MskSourceReader() {
    }

    /** The source as given (null when absent or when the validator found it incomplete). */
    static CreateRequest.MskRequest read(Validator v, WireObject msk) {
        if (msk == null) {
            return null;
        }
        String cluster = msk.string("MSKClusterARN");
        String topic = msk.string("TopicName");
        Long readFrom = msk.timestampMillis("ReadFromTimestamp");
        WireObject auth = msk.object("AuthenticationConfiguration");
        v.required(PATH + "mSKClusterARN", cluster).length(PATH + "mSKClusterARN", cluster, 1, 512)
                .pattern(PATH + "mSKClusterARN", cluster, Patterns.MSK_CLUSTER_ARN)
                .required(PATH + "topicName", topic).length(PATH + "topicName", topic, 1, 255)
                .pattern(PATH + "topicName", topic, Patterns.TOPIC_NAME)
                .required(PATH + "authenticationConfiguration", auth);
        String role = auth == null ? null : auth.string("RoleARN");
        String connectivity = auth == null ? null : auth.string("Connectivity");
        if (auth != null) {
            String a = PATH + "authenticationConfiguration.";
            v.required(a + "roleARN", role).length(a + "roleARN", role, 1, 512)
                    .pattern(a + "roleARN", role, Patterns.ROLE_ARN)
                    .required(a + "connectivity", connectivity)
                    .oneOf(a + "connectivity", connectivity, List.of("PUBLIC", "PRIVATE"));
        }
        return cluster == null || topic == null || auth == null ? null
                : new CreateRequest.MskRequest(cluster, topic, role, connectivity, readFrom);
    }
}
