package org.amiconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void groupsThreadsByNameWithoutTheirNumbersAndIds() {
        assertThat(ThreadCpu.group("beacon360-simulator-3")).isEqualTo("beacon360-simulator");
        assertThat(ThreadCpu.group("amiconnect-transformer-0b9e2c4e-6d0a-4b8e-9d55-3f1c2a7b8e90-StreamThread-1"))
                .isEqualTo("amiconnect-transformer-*-StreamThread");
        assertThat(ThreadCpu.group("kafka-producer-network-thread | producer-12")).isEqualTo(
                "kafka-producer-network-thread | producer");
        assertThat(ThreadCpu.group("main")).isEqualTo("main");
        assertThat(ThreadCpu.group("42")).isEqualTo("42");
    }

    @Test
    void countsTheCpuOfAThreadStartedAfterItAndThatOfTheWholeProcess() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long spinNanos = 200_000_000L;
        Map<String, Double> seconds;
        try (ThreadCpu cpu = new ThreadCpu()) {
            Thread busy = new Thread(() -> {
                long sink = 0;
                while (threads.getCurrentThreadCpuTime() < spinNanos) {
                    sink += System.nanoTime() % 7;
                }
                spun.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                assertThat(sink).isNotNegative();
            }, "busy-worker-7");
            busy.start();
            spun.await();
            seconds = cpu.stop(ThreadCpu.GROUPS_SHOWN);
            release.countDown();
            busy.join();
        }
        assertThat(seconds).containsKey("process").containsKey("busy-worker");
        assertThat(seconds.get("busy-worker")).isGreaterThanOrEqualTo(0.2);
        assertThat(seconds.get("process")).isGreaterThanOrEqualTo(seconds.get("busy-worker"));
    }
}
