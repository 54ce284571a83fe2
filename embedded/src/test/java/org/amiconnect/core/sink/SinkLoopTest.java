package org.amiconnect.core.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop's life cycle, retries and health, with a real consumer of a cluster that does not answer: its polls return
 * nothing, so the task is called with empty polls only. What needs records is in {@link SinkLoopIT}.
 */
class SinkLoopTest {

    private static final SinkLoopOptions OPTIONS = SinkLoopOptions.of("Test sink", "test-sink", "memory",
            "the stored offsets", Duration.ofMillis(50));

    private final MemoryStoreTask task = new MemoryStoreTask(new MemoryStore(), List.of("test.topic"), 10,
            Duration.ofSeconds(1));
    private SinkLoop loop;

    @AfterEach
    void tearDown() {
        if (loop != null) {
            loop.close();
        }
    }

    /** Consumer settings of a cluster nobody listens on. */
    private static Map<String, Object> noCluster(String group) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, 1_000);
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props;
    }

    private SinkLoop loop(SinkLoopOptions options) throws IOException {
        loop = new SinkLoop(options, noCluster("test-group"), task);
        return loop;
    }

    /** Starts a loop whose first {@code failingPuts} puts fail, and returns once the first has failed. */
    private SinkLoop startAndAwaitTheFirstFailedPut(SinkLoopOptions options, int failingPuts) throws IOException {
        SinkLoop l = loop(options);
        task.failingPuts.set(failingPuts);
        l.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> task.failedAtNanos.size() == 1);
        return l;
    }

    @Test
    void needsAConsumerGroup() throws IOException {
        Map<String, Object> props = noCluster(null);
        assertThatThrownBy(() -> new SinkLoop(OPTIONS, props, task)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Test sink: the consumer needs a group id");
    }

    @Test
    void aLoopClosedBeforeItStartsStopsItsTaskAndCannotStart() throws IOException {
        SinkLoop l = loop(OPTIONS);
        assertThat(l.consumerGroup()).isEqualTo("test-group");
        assertThat(l.topics()).containsExactly("test.topic");

        l.close();

        assertThat(task.calls).containsExactly("stop");
        assertThat(l.isHealthy()).isFalse();
        assertThatThrownBy(l::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("Test sink is closed; create a new one");
    }

    @Test
    void closingFlushesTheTaskThenStopsIt() throws IOException {
        SinkLoop l = loop(OPTIONS);
        l.start();
        await().atMost(Duration.ofSeconds(10)).until(l::isHealthy);
        assertThatThrownBy(l::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("Test sink is already started");

        l.close();

        assertThat(l.isHealthy()).isFalse();
        assertThat(task.calls).containsExactly("flush", "discard", "stop");
    }

    @Test
    void aFailedPutIsRetriedAfterPausesThatDoubleAndTheLoopRecovers() throws IOException {
        SinkLoopOptions retryAfter200msThenDouble = OPTIONS.withRetry(Duration.ofMillis(200), Duration.ofSeconds(1));
        SinkLoop l = startAndAwaitTheFirstFailedPut(retryAfter200msThenDouble, 3);

        assertThat(l.isHealthy()).as("unhealthy while it retries").isFalse();
        await().atMost(Duration.ofSeconds(10)).until(l::isHealthy);

        assertThat(task.calls("failed")).containsExactly("failed the put failed", "failed the put failed",
                "failed the put failed");
        assertThat(task.calls("discard")).hasSize(3);
        List<Long> at = task.failedAtNanos;
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aStopRequestCutsTheRetryPauseShort() throws IOException {
        SinkLoopOptions retryAfter30s = OPTIONS.withRetry(Duration.ofSeconds(30), Duration.ofSeconds(30));
        SinkLoop l = startAndAwaitTheFirstFailedPut(retryAfter30s, 1);

        long started = System.nanoTime();
        l.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(task.calls).endsWith("flush", "discard", "stop");
    }

    @Test
    void anErrorEndsTheLoopWithoutAFlush() throws IOException {
        SinkLoop l = loop(OPTIONS);
        task.putError = new OutOfMemoryError("simulated");
        l.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> task.calls.contains("stop"));

        assertThat(l.isHealthy()).isFalse();
        assertThat(task.calls).containsExactly("error java.lang.OutOfMemoryError: simulated", "discard", "stop");
        l.close();
        assertThat(task.calls("stop")).hasSize(1);
    }
}
