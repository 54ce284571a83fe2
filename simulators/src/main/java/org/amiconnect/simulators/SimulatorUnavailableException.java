package org.amiconnect.simulators;

/**
 * A simulator cannot start because something outside this process that it needs is not there (e.g. the PostgreSQL
 * server the database vendors' simulators fill). Whoever starts simulators may skip the source and say so in one line
 * (the message names what is missing), rather than fail everything else.
 */
public class SimulatorUnavailableException extends RuntimeException {

    public SimulatorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
