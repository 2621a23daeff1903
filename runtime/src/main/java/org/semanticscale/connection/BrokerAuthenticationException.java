package org.semanticscale.connection;

/** A Kafka broker answered at start but refused a client's credentials or TLS handshake; the message says what to check. */
public final class BrokerAuthenticationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BrokerAuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
