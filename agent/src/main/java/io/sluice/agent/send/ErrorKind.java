package io.sluice.agent.send;

/**
 * What the sender does about a failed request or record.
 *
 * <p>Unlike AWS's agent, which drops a buffer on any error it does not retry, the records of a flow whose
 * destination is missing or forbidden are kept and retried at the longest backoff: an operator creating the stream
 * or fixing a policy loses nothing, and the tailer waits (its back-pressure) rather than skipping the file. Only
 * records the service can never accept, whatever is fixed outside the agent, are dropped (as AWS's agent does),
 * logged with the cause and counted.
 */
public enum ErrorKind {

    /** Throttling, a 5xx or a network error: retried with the flow's backoff, never dropped. */
    RETRIABLE,

    /** The destination is missing, being changed or not allowed: retried at the longest backoff, never dropped. */
    CONFIGURATION,

    /** The request itself is invalid (a ValidationException, an InvalidArgumentException): dropped and counted. */
    INVALID
}
