package org.amiconnect.cli.commands;

import java.nio.file.Path;
import java.util.Optional;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.ConfigLoader;

import picocli.CommandLine.Option;

/** The options every command that reads configuration shares. */
public final class ConfigOptions {

    @Option(names = {"-c", "--config"}, defaultValue = "config/config.yaml", paramLabel = "FILE",
            description = "config.yaml to use (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = {"-s", "--secrets"}, paramLabel = "FILE",
            description = "secrets.yaml to use (default: secrets.yaml next to the config file, if present). "
                    + "Environment variables AMI_CONNECT__... and AMI_CONNECT_SECRETS__... override both files.")
    Path secrets;

    public AmiConnectConfig load(AdapterCatalog adapters) {
        return new ConfigLoader(adapters, System.getenv()).load(config, Optional.ofNullable(secrets));
    }
}
