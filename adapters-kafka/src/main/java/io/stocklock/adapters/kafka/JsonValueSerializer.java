package io.stocklock.adapters.kafka;

import io.stocklock.adapters.kafka.request.ReservationRequestMessage;
import io.stocklock.domain.reservation.ReservationRequest;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes message records as JSON. Raw bytes pass through unchanged (a dead letter keeps the bytes that could not be
 * read); a domain request is written as the request message, so a dead letter of a readable request is readable.
 */
public class JsonValueSerializer implements Serializer<Object> {

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public byte[] serialize(String topic, Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ReservationRequest request) {
            return json.writeValueAsBytes(ReservationRequestMessage.from(request, null));
        }
        return json.writeValueAsBytes(value);
    }
}
