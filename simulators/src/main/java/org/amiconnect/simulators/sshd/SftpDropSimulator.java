package org.amiconnect.simulators.sshd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.amiconnect.simulators.VendorSimulator;
import org.apache.commons.io.FileUtils;

/**
 * A vendor that drops files on an SFTP server: a {@link SimulatedSshServer} serving a temporary folder whose
 * {@value #FOLDER} sub-folder the vendor's file writer fills before the server starts. Its {@link #endpoint()} carries
 * the server's generated host key ({@link SimulatedSshServer#endpoint()}); closing it stops the server and deletes the
 * folder.
 */
public final class SftpDropSimulator implements VendorSimulator {

    /** The folder the files are in, relative to the SFTP root (the simulated source's sftp_remote_data_directory). */
    public static final String FOLDER = "data";

    /** Writes a vendor's files into a folder. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path folder) throws IOException;
    }

    private final SimulatedSshServer server;
    private final Path root;

    private SftpDropSimulator(SimulatedSshServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /**
     * Writes the files with {@code files} and starts the server, which accepts {@code user} with {@code password}.
     *
     * @throws UncheckedIOException when the folder cannot be written
     */
    public static SftpDropSimulator start(String vendor, String user, String password, FileWriter files) {
        try {
            Path root = Files.createTempDirectory("amiconnect-" + vendor + "-sftp-");
            Path folder = Files.createDirectories(root.resolve(FOLDER));
            files.write(folder);
            SimulatedSshServer server = SimulatedSshServer.builder().user(user).password(password).sftpRoot(root)
                    .start();
            return new SftpDropSimulator(server, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated " + vendor + " files", e);
        }
    }

    /** The SSH server, e.g. to drop its connections in a test. */
    public SimulatedSshServer server() {
        return server;
    }

    /** The local folder that holds the served files ({@value #FOLDER} on the server). */
    public Path folder() {
        return root.resolve(FOLDER);
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
        FileUtils.deleteQuietly(root.toFile()); // a temporary folder: the system's temp cleaning takes what is left
    }
}
