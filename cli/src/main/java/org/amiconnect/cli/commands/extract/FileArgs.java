package org.amiconnect.cli.commands.extract;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.amiconnect.core.adapter.AdapterCatalog;
import org.amiconnect.core.adapter.SourceAdapter;
import org.amiconnect.core.config.AmiConnectConfig;
import org.amiconnect.core.config.SourceConfig;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Vendor files named on the command line, checked before a request carries them to the extractors. */
final class FileArgs {

    private FileArgs() {
    }

    /**
     * The files as absolute paths.
     *
     * @throws ParameterException when a file is not readable here, or the org's vendor does not take files (naming it)
     */
    static List<String> absolute(List<Path> files, AmiConnectConfig config, AdapterCatalog adapters, String org,
            CommandSpec spec) {
        SourceConfig source = config.source(org).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--org " + org + ": no such source in " + config.configFile().getFileName() + " (configured: "
                        + String.join(", ", config.sources().stream().map(SourceConfig::orgId).toList()) + ")"));
        SourceAdapter adapter = adapters.get(source.type());
        if (!adapter.readsFiles()) {
            throw new ParameterException(spec.commandLine(), "--org " + org + " is a " + source.type()
                    + " source: the " + adapter.vendor() + " adapter cannot extract from files (its data comes only "
                    + "from the vendor's system); extract a range instead");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), file + ": no such readable file");
            }
        }
        return files.stream().map(f -> f.toAbsolutePath().normalize().toString()).toList();
    }
}
