package org.semanticscale.connection;

/** No Kafka broker answered at start; the message says where it looked and what to do. */
public final class BrokerUnreachableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public BrokerUnreachableException(String message) {
        super(message);
    }
}
