package io.sluice.analytics.app;

/**
 * An application cannot start as configured: its source or a destination does not exist, its reference data
 * cannot be read or parsed, or its code does not fit its inputs. The API answers it as
 * {@code InvalidApplicationConfigurationException}.
 */
public final class ApplicationConfigurationException extends Exception {

    public ApplicationConfigurationException(String message) {
        super(message, null, false, false);
    }
}
