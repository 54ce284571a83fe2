/**
 * An in-process SSH server for the SFTP vendors' simulators and for tests of SSH tunnels
 * ({@link org.amiconnect.simulators.sshd.SimulatedSshServer}): generated host key, password and public-key logins,
 * SFTP on a local folder, TCP forwarding, and a way to break connections mid-stream.
 */
package org.amiconnect.simulators.sshd;
