package io.stocklock.adapters.rest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP API ({@code stocklock.http.*}).
 *
 * @param defaultHold     how long a hold lasts when the request does not say
 * @param maxWait         the longest {@code Prefer: wait=N} honoured
 * @param mostInFlight    most submissions of one instance waiting for the database at once; beyond it
 *                        {@code POST /reservations} answers 503 intake-unavailable at once, so an outage or an
 *                        overload cannot pile up callers. Each waiting answer holds a connection's request processor
 *                        and buffers (about 100 KB): 2,000 ran a 512 MiB instance out of heap under an open-loop
 *                        overload of 2,000 requests/s; 500 refused some of a load the instance otherwise sustained
 *                        (1,331/s waiting for the decision, p99 470 ms)
 * @param lanes           groups of submissions one instance decides or records at once; a request is laned by its
 *                        smallest SKU, so one SKU's buyers are taken in arrival order. One lane (the default) makes
 *                        the largest groups, which is what makes the door cheap (docs/adr/0013-decide-at-the-door.md)
 * @param linger          how long at most a lane that took the first submission of a group waits until as many are
 *                        waiting as its last group held, before deciding or recording them: below the instance's
 *                        maximum the groups stay large instead of shrinking, each paying its statements and commit for
 *                        more buyers; an idle lane and a busy one do not wait (docs/adr/0025-lanes-linger.md)
 * @param idSecret        the secret (at least 32 bytes) reservation ids are derived from Idempotency-Keys under, the
 *                        same on every instance; when not set, the one the database migration made is used
 */
@ConfigurationProperties("stocklock.http")
public record RestSettings(
        @DefaultValue("15m") Duration defaultHold,
        @DefaultValue("30s") Duration maxWait,
        @DefaultValue("1000") int mostInFlight,
        @DefaultValue("1") int lanes,
        @DefaultValue("2ms") Duration linger,
        String idSecret) {
}
