/**
 * SSH for the vendors reached over it, on the Apache MINA SSHD client: {@link org.amiconnect.adapters.ssh.SshConnection}
 * signs in with a password or a private key ({@link org.amiconnect.adapters.ssh.SshLogin}) after checking the server's
 * host key against the source's known-hosts line ({@link org.amiconnect.adapters.ssh.SshTarget}; no key is ever
 * accepted unseen), lists and streams files over SFTP ({@link org.amiconnect.adapters.ssh.SftpFolder}) and opens local
 * port forwards to a database behind the SSH host ({@link org.amiconnect.adapters.ssh.SshConnection#openTunnel}).
 * Failures are {@link org.amiconnect.adapters.ssh.SshFailure}s naming the org and the host, never a credential.
 */
package org.amiconnect.adapters.ssh;
