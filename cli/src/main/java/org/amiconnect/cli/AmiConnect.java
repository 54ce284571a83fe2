package org.amiconnect.cli;

import org.amiconnect.cli.commands.ConfigCommand;
import org.amiconnect.cli.commands.ExtractorCommand;
import org.amiconnect.cli.commands.LoaderCommand;
import org.amiconnect.cli.commands.RunCommand;
import org.amiconnect.cli.commands.TransformerCommand;
import org.amiconnect.cli.commands.archive.ArchiveCommand;
import org.amiconnect.cli.commands.archive.ArchiverCommand;
import org.amiconnect.cli.commands.archive.ReplayCommand;
import org.amiconnect.cli.commands.extract.ExtractCommand;
import org.amiconnect.cli.commands.extract.ImportCommand;
import org.amiconnect.cli.commands.extract.RunsCommand;
import org.amiconnect.cli.commands.warehouse.ChecksCommand;
import org.amiconnect.cli.commands.warehouse.SnowflakeCommand;
import org.amiconnect.cli.commands.warehouse.SqlCommand;
import org.amiconnect.core.config.ConfigException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code amiconnect} command. */
@Command(name = "amiconnect",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Ingest water-utility smart-meter (AMI) data from vendor systems into one standard model, through Kafka.",
        subcommands = {
            RunCommand.class,
            ExtractorCommand.class,
            ExtractCommand.class,
            ImportCommand.class,
            RunsCommand.class,
            org.amiconnect.cli.status.StatusCommand.class,
            TransformerCommand.class,
            LoaderCommand.class,
            ArchiverCommand.class,
            ArchiveCommand.class,
            ReplayCommand.class,
            SqlCommand.class,
            ChecksCommand.class,
            SnowflakeCommand.class,
            ConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AmiConnect {

    /** The system property the logging configuration reads: {@code text} (default) or {@code json}. */
    public static final String LOG_FORMAT_PROPERTY = "amiconnect.log.format";

    @Option(names = "--log-format", paramLabel = "text|json", scope = ScopeType.INHERIT,
            description = "Log lines on stderr as text (default) or one JSON object per line (for log shippers); lines "
                    + "about an extract run carry its org and run id either way.")
    String logFormat;

    /** Exit code for an invalid configuration (as for a usage error). */
    public static final int CONFIG_ERROR = 2;

    public static void main(String[] args) {
        // before the first logger exists: the logging configuration is read once
        try {
            logFormat(args).ifPresent(f -> System.setProperty(LOG_FORMAT_PROPERTY, f));
        } catch (IllegalArgumentException e) {
            System.err.println("amiconnect: " + e.getMessage());
            System.exit(CONFIG_ERROR);
        }
        System.exit(execute(args));
    }

    /**
     * The value of {@code --log-format} among the arguments, if any.
     *
     * @throws IllegalArgumentException when it is neither {@code text} nor {@code json}
     */
    static java.util.Optional<String> logFormat(String... args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--log-format=") ? args[i].substring("--log-format=".length())
                    : args[i].equals("--log-format") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null) {
                if (!value.equals("text") && !value.equals("json")) {
                    throw new IllegalArgumentException("--log-format: '" + value + "' is neither text nor json");
                }
                return java.util.Optional.of(value);
            }
        }
        return java.util.Optional.empty();
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command tree with its error handling, as {@link #execute} runs it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AmiConnect());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException) {
                commandLine.getErr().println("Configuration is invalid:");
                for (String line : e.getMessage().split("\n")) {
                    commandLine.getErr().println("  " + line);
                }
                return CONFIG_ERROR;
            }
            commandLine.getErr().println(failurePrefix(commandLine) + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(AmiConnect.class).debug("failure", e);
            return 1;
        });
        return cli;
    }

    /**
     * How the error of a failed command starts: its whole command path as typed, e.g.
     * {@code "amiconnect replay offsets failed: "} (picocli's qualified name, never the last word alone).
     */
    public static String failurePrefix(CommandLine command) {
        return command.getCommandSpec().qualifiedName() + " failed: ";
    }
}
