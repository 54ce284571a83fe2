/** The Aclara simulator: readings files from the seeded generator on an in-process SFTP server. */
package org.amiconnect.simulators.aclara;
