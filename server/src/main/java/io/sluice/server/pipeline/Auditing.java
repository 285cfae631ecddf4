package io.sluice.server.pipeline;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.server.auth.AuditEvent;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.AuditPayload;
import io.sluice.server.http.ApiResponse;

/**
 * Writes every call to the CloudTrail-shaped audit log with the API's eventSource. It wraps authentication and
 * authorization rather than following them, because CloudTrail records refused calls too (AccessDenied, a bad
 * signature): it reads the caller they resolved, if any, and the outcome. Thread-safe.
 */
final class Auditing implements Stage {

    private final AuditLog audit;

    Auditing(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public ApiResponse serve(ApiCall call, ApiHandler next) {
        ApiResponse response = null;
        ErrorType errorType = null;
        String errorMessage = null;
        try {
            response = next.serve(call);
            return response;
        } catch (ServiceException e) {
            errorType = e.type();
            errorMessage = e.getMessage();
            throw e;
        } catch (RuntimeException | Error e) {
            errorType = call.api().internalError();
            errorMessage = ApiPipeline.INTERNAL_FAILURE_MESSAGE;
            throw e;
        } finally {
            record(call, response, errorType, errorMessage);
        }
    }

    private void record(ApiCall call, ApiResponse response, ErrorType errorType, String errorMessage) {
        ApiDefinition api = call.api();
        Caller caller = call.caller();
        boolean dataEvent = api.dataPlane().contains(call.operation());
        byte[] answer = response == null || response.streaming() != null || response.body().length == 0 ? null
                : response.body();
        audit.record(new AuditEvent(api.eventSource(), dataEvent, api.readOnly().contains(call.operation()),
                call.operation(), caller == null ? null : caller.context().region(), call.request().sourceIp(),
                call.request().header("user-agent"), caller == null ? null : caller.auditIdentity(),
                AuditPayload.of(call.format(), call.request().body()),
                !dataEvent && answer != null ? AuditPayload.of(call.format(), answer) : null,
                errorType == null ? null : errorType.awsName(), errorMessage, call.request().requestId(),
                caller == null ? null : caller.context().account()));
    }
}
