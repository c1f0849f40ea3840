package io.stocklock.adapters.rest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP API ({@code stocklock.http.*}).
 *
 * @param defaultHold          how long a hold lasts when the request does not say
 * @param maxWait              the longest {@code Prefer: wait=N} honoured
 * @param idempotencyRetention how long an Idempotency-Key is remembered
 * @param inFlightTimeout      after this, a request whose answer was never stored counts as abandoned and a retry
 *                             with its key is processed again
 */
@ConfigurationProperties("stocklock.http")
public record RestSettings(
        @DefaultValue("15m") Duration defaultHold,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("30s") Duration inFlightTimeout) {
}
