package org.amiconnect.core.config;

/** One problem found in a configuration file, located by file and key path. */
public record ConfigError(String file, String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? file + ": " + message : file + ": " + path + ": " + message;
    }
}
