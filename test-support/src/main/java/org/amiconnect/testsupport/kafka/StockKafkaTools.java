package org.amiconnect.testsupport.kafka;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.ConsoleProducer;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/**
 * Kafka's own command-line tools (the classes behind {@code kafka-consumer-groups.sh} and
 * {@code kafka-console-producer.sh}), run in this JVM with the arguments an operator would type, so tests show that
 * AMI Connect works with them.
 */
public final class StockKafkaTools {

    private StockKafkaTools() {
    }

    /**
     * Runs {@code kafka-consumer-groups} with these arguments.
     *
     * @throws AssertionError when the tool exits non-zero
     */
    public static void consumerGroups(String... args) {
        run(() -> ConsumerGroupCommand.main(args), "kafka-consumer-groups");
    }

    /**
     * Runs {@code kafka-console-producer} with these arguments, its standard input being {@code input} (one record a
     * line, as typed or piped).
     *
     * @throws AssertionError when the tool exits non-zero
     */
    public static void consoleProducer(String input, String... args) {
        InputStream oldIn = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            run(() -> ConsoleProducer.main(args), "kafka-console-producer");
        } finally {
            System.setIn(oldIn);
        }
    }

    private static synchronized void run(Runnable tool, String name) {
        Exit.setExitProcedure((code, message) -> {
            throw new ToolExit(code, message);
        });
        try {
            tool.run();
        } catch (ToolExit e) {
            if (e.code != 0) {
                throw new AssertionError(name + " exited " + e.code + ": " + e.getMessage());
            }
        } finally {
            Exit.resetExitProcedure();
        }
    }

    private static final class ToolExit extends RuntimeException {
        private final int code;

        ToolExit(int code, String message) {
            super(message);
            this.code = code;
        }
    }
}
