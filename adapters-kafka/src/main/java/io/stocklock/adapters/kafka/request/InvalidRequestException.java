package io.stocklock.adapters.kafka.request;

/**
 * A request record that cannot be processed: unreadable, invalid, or in conflict with an earlier request of the same
 * id. It goes to the dead-letter topic with this message as the reason. Travels in a record header, so it holds
 * only serializable text.
 */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String requestId;
    private final String owner;
    private final boolean failTheRequest;

    /**
     * @param requestId      the id, if it could be read
     * @param failTheRequest whether the request with that id is to be recorded as FAILED (not for a conflict, where
     *                       the id belongs to an earlier, valid request)
     */
    public InvalidRequestException(String reason, String requestId, String owner, boolean failTheRequest,
                                   Throwable cause) {
        super(reason, cause);
        this.requestId = requestId;
        this.owner = owner;
        this.failTheRequest = failTheRequest;
    }

    public String requestId() {
        return requestId;
    }

    public String owner() {
        return owner;
    }

    public boolean failTheRequest() {
        return failTheRequest && requestId != null;
    }
}
