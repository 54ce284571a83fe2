package org.amiconnect.cli.commands;

import java.util.Map;

import org.amiconnect.core.config.AmiConnectConfig;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import picocli.CommandLine.Command;

/** {@code amiconnect config validate|show}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check or print the configuration.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
public final class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check config.yaml and secrets.yaml without running anything. Exit code 0 when valid, 2 when not.")
    static final class Validate extends ConfiguredCommand {

        @Override
        public Integer call() {
            AmiConnectConfig config = config();
            out().printf("%s is valid: %d source(s), %d sink(s), %d backfill(s)%n",
                    config.configFile(), config.sources().size(), config.sinks().size(), config.backfills().size());
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration (files + environment overrides) as YAML, secrets masked.")
    static final class Show extends ConfiguredCommand {

        @Override
        public Integer call() {
            Map<String, Object> tree = config().describe();
            DumperOptions dump = new DumperOptions();
            dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            dump.setIndicatorIndent(2);
            dump.setIndentWithIndicator(true);
            out().print(new Yaml(dump).dump(tree));
            out().flush();
            return 0;
        }
    }
}
