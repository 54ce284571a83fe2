package org.amiconnect.core.vendorfile;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

import org.amiconnect.core.config.ConfigNode;

/**
 * The character set a vendor file is decoded with, and where that choice came from (named in warnings).
 *
 * <p>The choice, strongest first: a byte order mark at the start of the file (UTF-8, UTF-16; see
 * {@link VendorTextDecoder}); the source's {@code encoding} key in config.yaml; the {@code charset} of the HTTP answer's
 * {@code Content-Type}; else UTF-8. Bytes that are not valid in the chosen set never fail a file: with UTF-8 each
 * invalid byte is read as Windows-1252 (the usual reason a vendor file is not UTF-8 is that it is Windows-1252), with
 * any other set it becomes U+FFFD; either way a warning names the file, row, column and byte offset.
 *
 * @param charset the set to decode with
 * @param origin why it was chosen, e.g. {@code "the default"} or {@code "config.yaml sources[0].encoding"}
 */
public record TextEncoding(Charset charset, String origin) {

    /** The config key a source names its files' character set with. */
    public static final String CONFIG_KEY = "encoding";
    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    public static final TextEncoding DEFAULT = new TextEncoding(StandardCharsets.UTF_8, "the default");

    /**
     * The configured set if any, else the one the HTTP answer names, else UTF-8.
     *
     * @param configured the source's {@code encoding} key, as read by {@link #configured}
     * @param contentType the HTTP {@code Content-Type} header of the answer that carried the file, or null
     */
    public static TextEncoding choose(Optional<Charset> configured, String contentType) {
        if (configured.isPresent()) {
            return new TextEncoding(configured.get(), "the source's '" + CONFIG_KEY + "' setting");
        }
        Optional<Charset> declared = ofContentType(contentType);
        if (declared.isPresent()) {
            return new TextEncoding(declared.get(), "the HTTP Content-Type '" + contentType.trim() + "'");
        }
        return DEFAULT;
    }

    /**
     * The {@code charset} parameter of a {@code Content-Type} header value ({@code text/csv; charset="windows-1252"});
     * empty when there is none or Java does not know it (the file is then read as if none was given).
     */
    public static Optional<Charset> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String parameter : contentType.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("charset")) {
                continue;
            }
            String name = parameter.substring(equals + 1).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return known(name);
        }
        return Optional.empty();
    }

    /**
     * Reads a source's optional {@code encoding} key (any name Java knows: {@code UTF-8}, {@code windows-1252},
     * {@code ISO-8859-1}, ...). An unknown name is recorded as an error on the node, which names file and key path.
     */
    public static Optional<Charset> configured(ConfigNode source) {
        Optional<String> name = source.optionalString(CONFIG_KEY);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<Charset> charset = known(name.get());
        if (charset.isEmpty()) {
            source.error(CONFIG_KEY, "'" + name.get() + "' is not a character set name (e.g. UTF-8, windows-1252, "
                    + "ISO-8859-1)");
        }
        return charset;
    }

    /** A short name for messages: {@code UTF-8}, {@code Windows-1252}. */
    public String displayName() {
        return charset.equals(WINDOWS_1252) ? "Windows-1252" : charset.name();
    }

    /** True when invalid bytes are read as Windows-1252 rather than replaced. */
    boolean fallsBackToWindows1252() {
        return charset.equals(StandardCharsets.UTF_8);
    }

    private static Optional<Charset> known(String name) {
        try {
            return Optional.of(Charset.forName(name.trim()));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }
}
