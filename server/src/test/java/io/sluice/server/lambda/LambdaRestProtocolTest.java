package io.sluice.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lambda's REST-JSON binding: operations by method and path, input from body, path and query, errors. */
class LambdaRestProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void methodAndPathNameTheOperationsOfTheModel() {
        assertThat(LambdaRoute.of("POST", "/2015-03-31/event-source-mappings/").operation())
                .isEqualTo("CreateEventSourceMapping");
        assertThat(LambdaRoute.of("POST", "/2015-03-31/event-source-mappings").operation())
                .isEqualTo("CreateEventSourceMapping");
        assertThat(LambdaRoute.of("GET", "/2015-03-31/event-source-mappings/?FunctionName=f").operation())
                .isEqualTo("ListEventSourceMappings");
        LambdaRoute get = LambdaRoute.of("GET", "/2015-03-31/event-source-mappings/a1b2");
        assertThat(get.operation()).isEqualTo("GetEventSourceMapping");
        assertThat(get.pathMembers()).containsEntry("UUID", "a1b2");
        assertThat(LambdaRoute.of("PUT", "/2015-03-31/event-source-mappings/a1b2").operation())
                .isEqualTo("UpdateEventSourceMapping");
        assertThat(LambdaRoute.of("DELETE", "/2015-03-31/event-source-mappings/a1b2").operation())
                .isEqualTo("DeleteEventSourceMapping");
        LambdaRoute tags = LambdaRoute.of("GET",
                "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Aevent-source-mapping%3Aa1b2");
        assertThat(tags.operation()).isEqualTo("ListTags");
        assertThat(tags.pathMembers()).containsEntry("Resource",
                "arn:aws:lambda:us-east-1:000000000000:event-source-mapping:a1b2");
        assertThat(LambdaRoute.of("POST", "/2017-03-31/tags/x").operation()).isEqualTo("TagResource");
        assertThat(LambdaRoute.of("DELETE", "/2017-03-31/tags/x?tagKeys=a").operation()).isEqualTo("UntagResource");
    }

    @Test
    void otherLambdaPathsAreLambdasButNotServedAndOtherPathsAreNotLambdas() {
        assertThat(LambdaRoute.of("POST", "/2015-03-31/functions/f/invocations").operation())
                .isEqualTo("POST /2015-03-31/functions/f/invocations");
        assertThat(LambdaRoute.of("PATCH", "/2015-03-31/event-source-mappings/a").operation())
                .isEqualTo("PATCH /2015-03-31/event-source-mappings/a");
        assertThat(LambdaRoute.of("POST", "/")).isNull();
        assertThat(LambdaRoute.of("GET", "/metrics")).isNull();
    }

    @Test
    void queryMembersJoinTheBodyByTheirModelNames() {
        WireObject list = RestInput.read(request("GET", "/2015-03-31/event-source-mappings/?FunctionName=my-fn"
                + "&EventSourceArn=arn%3Aaws%3Akinesis%3Aus-east-1%3A000000000000%3Astream%2Fs&MaxItems=5&Marker=m",
                ""), LambdaRoute.of("GET", "/2015-03-31/event-source-mappings/"));
        assertThat(list.string("FunctionName")).isEqualTo("my-fn");
        assertThat(list.string("EventSourceArn")).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/s");
        assertThat(list.integer("MaxItems")).isEqualTo(5);
        assertThat(list.string("Marker")).isEqualTo("m");

        String uri = "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Aevent-source-mapping%3Au"
                + "?tagKeys=team&tagKeys=cost%20centre";
        WireObject untag = RestInput.read(request("DELETE", uri, ""), LambdaRoute.of("DELETE", uri));
        assertThat(untag.strings("TagKeys")).containsExactly("team", "cost centre");
        assertThat(untag.string("Resource")).endsWith(":event-source-mapping:u");
    }

    @Test
    void pathMembersWinOverTheBodyAndTheBodyKeepsItsMembers() {
        String uri = "/2015-03-31/event-source-mappings/real-uuid";
        WireObject update = RestInput.read(request("PUT", uri, "{\"UUID\":\"other\",\"BatchSize\":7}"),
                LambdaRoute.of("PUT", uri));
        assertThat(update.string("UUID")).isEqualTo("real-uuid");
        assertThat(update.integer("BatchSize")).isEqualTo(7);
    }

    @Test
    void aBodyThatIsNotJsonAndAQueryNumberThatIsNotANumberAreRefused() {
        String uri = "/2015-03-31/event-source-mappings/";
        assertThatThrownBy(() -> RestInput.read(request("POST", uri, "{not json"), LambdaRoute.of("POST", uri)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
        assertThatThrownBy(() -> RestInput.read(request("GET", uri + "?MaxItems=ten", ""),
                LambdaRoute.of("GET", uri))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.INVALID_PARAMETER_VALUE));
    }

    @Test
    void errorsCarryLambdasStatusTypeHeaderAndBody() throws IOException {
        ApiResponse notFound = ErrorResponses.encode(ErrorType.LAMBDA_RESOURCE_NOT_FOUND, "gone");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.errorType()).isEqualTo("ResourceNotFoundException");
        JsonNode body = JSON.readTree(notFound.body());
        assertThat(body.get("Type").asText()).isEqualTo("User");
        assertThat(body.get("message").asText()).isEqualTo("gone");

        assertThat(ErrorResponses.encode(ErrorType.RESOURCE_NOT_FOUND, "x").status()).isEqualTo(404);
        ApiResponse serialization = ErrorResponses.encode(ErrorType.SERIALIZATION, "bad");
        assertThat(serialization.errorType()).isEqualTo("InvalidRequestContentException");
        assertThat(serialization.status()).isEqualTo(400);
        assertThat(ErrorResponses.encode(ErrorType.LIMIT_EXCEEDED, "slow").status()).isEqualTo(429);
        assertThat(ErrorResponses.encode(ErrorType.ACCESS_DENIED, "no").status()).isEqualTo(403);
        assertThat(ErrorResponses.encode(ErrorType.RESOURCE_CONFLICT, "busy").status()).isEqualTo(409);
        ApiResponse internal = ErrorResponses.encode(ErrorType.INTERNAL_FAILURE, "oops");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.errorType()).isEqualTo("ServiceException");
        assertThat(JSON.readTree(internal.body()).get("Type").asText()).isEqualTo("Service");
    }

    private static ApiRequest request(String method, String uri, String body) {
        return new ApiRequest(method, uri, Map.of("host", "localhost"), body.getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", "r1");
    }
}
