package org.amiconnect.cli.commands;

import java.util.Map;
import java.util.concurrent.Callable;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code amiconnect config validate|show}. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check or print the configuration.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Show.class})
public final class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check config.yaml and secrets.yaml without running anything. Exit code 0 when valid, 2 when not.")
    static final class Validate implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            AmiConnectConfig config = options.load(AdapterCatalog.load());
            spec.commandLine().getOut().printf("%s is valid: %d source(s), %d sink(s), %d backfill(s)%n",
                    config.configFile(), config.sources().size(), config.sinks().size(), config.backfills().size());
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the effective configuration (files + environment overrides) as YAML, secrets masked.")
    static final class Show implements Callable<Integer> {

        @Mixin
        ConfigOptions options;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> tree = options.load(AdapterCatalog.load()).describe();
            DumperOptions dump = new DumperOptions();
            dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            dump.setIndicatorIndent(2);
            dump.setIndentWithIndicator(true);
            spec.commandLine().getOut().print(new Yaml(dump).dump(tree));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
