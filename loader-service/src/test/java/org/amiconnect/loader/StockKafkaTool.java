package org.amiconnect.loader;

import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/** Kafka's own {@code kafka-consumer-groups} tool, run in this JVM as an operator would run the script. */
final class StockKafkaTool {

    private StockKafkaTool() {
    }

    /**
     * Runs {@code kafka-consumer-groups} with these arguments.
     *
     * @throws AssertionError when the tool exits non-zero
     */
    static synchronized void consumerGroups(String... args) {
        Exit.setExitProcedure((code, message) -> {
            throw new ToolExit(code, message);
        });
        try {
            ConsumerGroupCommand.main(args);
        } catch (ToolExit e) {
            if (e.code != 0) {
                throw new AssertionError("kafka-consumer-groups exited " + e.code + ": " + e.getMessage());
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
