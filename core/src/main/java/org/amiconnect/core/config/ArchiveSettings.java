package org.amiconnect.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where raw topics are archived.
 *
 * @param type {@code local} or {@code s3}
 * @param localPath folder of the local archive
 * @param bucket S3 bucket
 * @param prefix key prefix inside the bucket
 * @param region AWS region
 * @param endpoint endpoint override for S3-compatible stores
 * @param pathStyle path-style addressing (MinIO and most S3-compatible stores need it)
 */
public record ArchiveSettings(
        String type, Path localPath, String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle) {
}
