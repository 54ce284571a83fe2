package org.amiconnect.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void readsAKernelThreadNameWithSpacesAndParenthesesAndItsUserPlusSystemTicks() {
        String stat = "4242 (GC (Thread) #0) S 1 4200 4200 0 -1 4194624 20 0 0 0 150 25 0 0 20 0 40 0 3000 0 0";
        assertThat(KernelThreads.parse(stat)).contains(new KernelThreads.Task("GC (Thread) #0", 1_750_000_000L));
        assertThat(KernelThreads.parse("garbage")).isEmpty();
    }

    @Test
    void namesAJavaThreadInTheKernelByItsFirstFifteenCharactersAndTheMainThreadAsTheProcess() {
        assertThat(KernelThreads.kernelName("loader-wh-writer")).isEqualTo("loader-wh-write");
        assertThat(KernelThreads.kernelName("archiver")).isEqualTo("archiver");
        assertThat(KernelThreads.kernelName("main")).isEqualTo("java");
    }

    @Test
    void countsAsNativeWhatAKernelNameUsedBeyondItsJavaThreads() {
        Map<String, Long> kernel = Map.of("GC Thread#0", 3_000_000_000L, "loader-wh-write", 5_000_000_000L,
                "archiver", 1_010_000_000L);
        Map<String, Long> java = Map.of("loader-wh-write", 4_000_000_000L, "archiver", 1_000_000_000L);
        // the archiver's 10 ms are rounding between the two clocks; DuckDB's worker under the writer's name is not
        assertThat(ThreadCpu.nativeBeyondJava(kernel, java)).isEqualTo(Map.of(
                "GC Thread#0", 3_000_000_000L, "loader-wh-write", 1_000_000_000L));
    }

    @Test
    void seesAJavaThreadUnderItsKernelNameWithItsCpu() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "the kernel's per-thread view is Linux's");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread live = new Thread(() -> {
            while (threads.getCurrentThreadCpuTime() < 200_000_000L) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kernel-view-live-thread-1");
        live.start();
        spun.await();
        try {
            assertThat(KernelThreads.sample().values()).anySatisfy(task -> {
                assertThat(task.name()).isEqualTo("kernel-view-liv");
                assertThat(task.cpuNanos()).isGreaterThanOrEqualTo(150_000_000L);
            });
        } finally {
            release.countDown();
            live.join();
        }
    }
}
