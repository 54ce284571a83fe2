package org.amiconnect.cli.commands;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.config.AmiConnectConfig;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that reads the configuration: the {@code -c}/{@code -s} options every such command shares, the command
 * line it runs in, and the adapters and configuration it loads (each once, adapters first).
 */
public abstract class ConfiguredCommand implements Callable<Integer> {

    @Mixin
    protected ConfigOptions options;

    @Spec
    protected CommandSpec spec;

    private AdapterCatalog adapters;
    private AmiConnectConfig config;

    /** The adapters on the class path ({@code ServiceLoader}), loaded on the first call. */
    protected final AdapterCatalog adapters() {
        if (adapters == null) {
            adapters = AdapterCatalog.load();
        }
        return adapters;
    }

    /**
     * The configuration of the {@code -c}/{@code -s} files and the environment, loaded on the first call.
     *
     * @throws org.amiconnect.core.config.ConfigException when the files are missing or invalid
     */
    protected final AmiConnectConfig config() {
        if (config == null) {
            config = options.load(adapters());
        }
        return config;
    }

    /** The command line's standard output. */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The command line's standard error. */
    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
