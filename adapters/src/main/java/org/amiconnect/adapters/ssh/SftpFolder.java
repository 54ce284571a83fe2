package org.amiconnect.adapters.ssh;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * An SFTP channel of an {@link SshConnection}: lists a remote folder and streams remote files without holding them in
 * memory or on disk. Errors are {@link SshFailure}s naming the org, the server and the remote path.
 */
public final class SftpFolder implements AutoCloseable {

    /**
     * One regular file of a remote folder.
     *
     * @param name its name in the folder
     * @param path the folder and name joined with {@code /}, as passed to {@link #open}
     * @param size bytes
     * @param modified its modification time (UTC), or {@link Instant#EPOCH} when the server gives none
     */
    public record RemoteFile(String name, String path, long size, Instant modified) {
    }

    private final SshTarget target;
    private final SftpClient sftp;

    SftpFolder(SshTarget target, SftpClient sftp) {
        this.target = target;
        this.sftp = sftp;
    }

    /**
     * The regular files directly in {@code folder} (no sub-folders, links or special files), sorted by name.
     *
     * @throws SshFailure {@link SshFailure.Kind#REFUSED} when the folder is missing or not readable,
     *     {@link SshFailure.Kind#CONNECTION} when the connection breaks
     */
    public List<RemoteFile> list(String folder) throws SshFailure {
        List<RemoteFile> files = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(folder)) {
                SftpClient.Attributes a = entry.getAttributes();
                if (a.isRegularFile()) {
                    Instant modified = a.getModifyTime() == null ? Instant.EPOCH : a.getModifyTime().toInstant();
                    files.add(new RemoteFile(entry.getFilename(), join(folder, entry.getFilename()), a.getSize(),
                            modified));
                }
            }
        } catch (IOException e) {
            throw failure("cannot list folder '" + folder + "'", e);
        }
        files.sort(Comparator.comparing(RemoteFile::name));
        return files;
    }

    /**
     * Streams the remote file at {@code path}; the caller closes the stream. A connection that breaks while reading
     * makes a read throw an {@link SshFailure} of kind {@link SshFailure.Kind#CONNECTION} naming the file.
     *
     * @throws SshFailure {@link SshFailure.Kind#REFUSED} when the file is missing or not readable
     */
    public InputStream open(String path) throws SshFailure {
        InputStream in;
        try {
            in = sftp.read(path);
        } catch (IOException e) {
            throw failure("cannot open '" + path + "'", e);
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw failure("reading '" + path + "' failed", e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw failure("reading '" + path + "' failed", e);
                }
            }

            @Override
            public void close() {
                try {
                    super.close();
                } catch (IOException e) {
                    // a broken connection cannot close the remote handle; the server drops it with the session
                }
            }
        };
    }

    private SshFailure failure(String what, IOException e) {
        if (e instanceof SshFailure f) {
            return f;
        }
        boolean refused = e instanceof SftpException s && s.getStatus() != SftpConstants.SSH_FX_CONNECTION_LOST
                && s.getStatus() != SftpConstants.SSH_FX_NO_CONNECTION;
        return new SshFailure(refused ? SshFailure.Kind.REFUSED : SshFailure.Kind.CONNECTION,
                SshConnection.where(target) + ": " + what + ": " + e.getMessage(), e);
    }

    private static String join(String folder, String name) {
        if (folder.isEmpty() || folder.equals(".")) {
            return name;
        }
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException e) {
            // the channel is gone either way
        }
    }
}
