package io.sluice.common;

/**
 * The catalogue of errors Sluice answers with: the AWS error name that goes into {@code __type} and
 * {@code x-amzn-ErrorType}, and the HTTP status AWS uses for it. The one place that maps errors to the wire.
 */
public enum ErrorType {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    RESOURCE_IN_USE("ResourceInUseException", 400),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 400),
    PROVISIONED_THROUGHPUT_EXCEEDED("ProvisionedThroughputExceededException", 400),
    EXPIRED_ITERATOR("ExpiredIteratorException", 400),
    EXPIRED_NEXT_TOKEN("ExpiredNextTokenException", 400),
    VALIDATION("ValidationException", 400),
    ACCESS_DENIED("AccessDeniedException", 400),
    KMS_NOT_FOUND("KMSNotFoundException", 400),
    KMS_DISABLED("KMSDisabledException", 400),
    KMS_INVALID_STATE("KMSInvalidStateException", 400),
    KMS_ACCESS_DENIED("KMSAccessDeniedException", 400),
    INVALID_KMS_RESOURCE("InvalidKMSResourceException", 400),
    SERIALIZATION("SerializationException", 400),
    UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
    INVALID_SIGNATURE("InvalidSignatureException", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    /** Lambda: the request body is not JSON (JSON 1.1 APIs answer SerializationException). */
    INVALID_REQUEST_CONTENT("InvalidRequestContentException", 400),
    /** Lambda: a call rate was exceeded (Kinesis answers LimitExceededException). */
    TOO_MANY_REQUESTS("TooManyRequestsException", 429),
    /** Firehose: UpdateDestination named a version id other than the delivery stream's current one. */
    CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
    /** Kinesis Data Analytics: application code that does not parse or names what does not exist. */
    CODE_VALIDATION("CodeValidationException", 400),
    /** Kinesis Data Analytics: an application whose inputs, outputs or reference data cannot work, at start. */
    INVALID_APPLICATION_CONFIGURATION("InvalidApplicationConfigurationException", 400),
    /** Kinesis Data Analytics: DiscoverInputSchema found no records, or none it could read. */
    UNABLE_TO_DETECT_SCHEMA("UnableToDetectSchemaException", 400),
    /** Kinesis Data Analytics: DiscoverInputSchema could not read its source for its throughput limit. */
    RESOURCE_PROVISIONED_THROUGHPUT_EXCEEDED("ResourceProvisionedThroughputExceededException", 400),
    /** Kinesis Data Analytics: the request is valid but the service does not do that. */
    UNSUPPORTED_OPERATION("UnsupportedOperationException", 400),
    /** Kinesis Data Analytics: more than 50 tags on an application. */
    TOO_MANY_TAGS("TooManyTagsException", 400),
    /** Lambda: a parameter's value breaks a rule of the service (not of the request's shape). */
    INVALID_PARAMETER_VALUE("InvalidParameterValueException", 400),
    /** Lambda: the resource already exists, or a change conflicts with its state. */
    RESOURCE_CONFLICT("ResourceConflictException", 409),
    /** Lambda's ResourceNotFoundException, which Lambda answers with 404 (Kinesis's is a 400). */
    LAMBDA_RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    /** Lambda: the service failed (Lambda's name for an internal failure). */
    LAMBDA_SERVICE("ServiceException", 500),
    /** Glue: a database or table of that name already exists. */
    ALREADY_EXISTS("AlreadyExistsException", 400),
    /** Glue: the database, table or table version named does not exist. */
    ENTITY_NOT_FOUND("EntityNotFoundException", 400),
    /** Glue: the input breaks a rule of the service (a column type, an expression, a paging token). */
    INVALID_INPUT("InvalidInputException", 400),
    /** Glue: the service failed (Glue's name for an internal failure). */
    GLUE_INTERNAL("InternalServiceException", 500),
    REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
    INTERNAL_FAILURE("InternalFailureException", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

    private final String awsName;
    private final int httpStatus;

    ErrorType(String awsName, int httpStatus) {
        this.awsName = awsName;
        this.httpStatus = httpStatus;
    }

    public String awsName() {
        return awsName;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
