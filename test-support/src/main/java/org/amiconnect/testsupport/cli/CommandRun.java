package org.amiconnect.testsupport.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * A command line run in this JVM with what it printed: exit code, standard output and standard error (UTF-8).
 *
 * @param exit the exit code the command returned
 * @param out what it printed to {@code System.out}
 * @param err what it printed to {@code System.err}
 */
public record CommandRun(int exit, String out, String err) {

    /**
     * Runs {@code command} (an entry point such as {@code AmiConnect::execute}) with {@code args}, capturing
     * {@code System.out} and {@code System.err} while it runs and restoring them after.
     */
    public static CommandRun of(ToIntFunction<String[]> command, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = command.applyAsInt(args);
            return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
