package org.amiconnect.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ServiceHealthTest {

    private static final Instant T = Instant.parse("2026-11-30T16:00:00Z");

    @Test
    void aFailureIsStickyWithItsFirstReasonAndTime() {
        AtomicReference<String> transformer = new AtomicReference<>();
        ServiceHealth health = new ServiceHealth(Clock.fixed(T, ZoneOffset.UTC))
                .register("extractor", Optional::empty)
                .register("transformer", () -> Optional.ofNullable(transformer.get()));
        assertThat(health.healthy()).isTrue();

        transformer.set("a raw topic is missing");
        Optional<ServiceHealth.Status> failed = health.firstFailure();
        transformer.set(null);

        assertThat(failed).contains(new ServiceHealth.Status("transformer", ServiceHealth.State.FAILED,
                "a raw topic is missing", T));
        assertThat(health.check()).extracting(ServiceHealth.Status::service, ServiceHealth.Status::alive)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("extractor", true),
                        org.assertj.core.groups.Tuple.tuple("transformer", false));
        assertThat(health.healthy()).isFalse();
    }

    @Test
    void withNoServiceRegisteredTheProcessIsHealthy() {
        assertThat(new ServiceHealth().check()).isEmpty();
        assertThat(new ServiceHealth().healthy()).isTrue();
    }
}
