/**
 * What the vendors that drop files on an SFTP server share (Aclara, Xylem Sensus): their config keys
 * ({@link org.amiconnect.adapters.sftpvendor.SftpSourceSettings}, the predecessor's {@code sftp_*} names), the choice of
 * files by the date in their names ({@link org.amiconnect.adapters.sftpvendor.DatedFiles}) and the scheduled runs' skip
 * of files already ingested ({@link org.amiconnect.adapters.sftpvendor.SftpDrop}).
 */
package org.amiconnect.adapters.sftpvendor;
