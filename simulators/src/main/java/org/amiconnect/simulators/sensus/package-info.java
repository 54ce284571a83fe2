/** The Xylem Sensus simulator: CMEP MEPMD01 files from the seeded generator on an in-process SFTP server. */
package org.amiconnect.simulators.sensus;
