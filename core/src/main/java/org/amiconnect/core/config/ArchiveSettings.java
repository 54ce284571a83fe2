package org.amiconnect.core.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where raw topics are archived, and when an archive object is closed.
 *
 * @param type {@code local} or {@code s3}
 * @param localPath folder of the local archive
 * @param bucket S3 bucket
 * @param prefix key prefix inside the bucket
 * @param region AWS region
 * @param endpoint endpoint override for S3-compatible stores
 * @param pathStyle path-style addressing (MinIO and most S3-compatible stores need it)
 * @param codec Avro codec of archive objects: {@code deflate} or {@code zstd}
 * @param rotateRecords an object is closed when it holds this many records
 * @param rotateBytes an object is closed before its records would exceed this many bytes (uncompressed)
 * @param rotateInterval an object is closed before a record whose timestamp is this much later than its first record's
 * @param idleFlush an object is closed when its partition has had no new record for this long
 */
public record ArchiveSettings(
        String type, Path localPath, String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle,
        String codec, long rotateRecords, long rotateBytes, Duration rotateInterval, Duration idleFlush) {

    /**
     * zstd: on 100 k archived Beacon 360 records, 3.0 µs of CPU a record to write against deflate's 8.9 µs, and 5 %
     * smaller (benchmarks/TUNING.md, "Tuning round 7: 24 M end to end, completed").
     */
    public static final String DEFAULT_CODEC = "zstd";
    public static final long DEFAULT_ROTATE_RECORDS = 100_000;
    public static final long DEFAULT_ROTATE_BYTES = 64L * 1024 * 1024;
    public static final Duration DEFAULT_ROTATE_INTERVAL = Duration.ofHours(1);
    public static final Duration DEFAULT_IDLE_FLUSH = Duration.ofMinutes(5);

    /** With the default codec and rotation. */
    public ArchiveSettings(String type, Path localPath, String bucket, String prefix, String region,
            Optional<URI> endpoint, boolean pathStyle) {
        this(type, localPath, bucket, prefix, region, endpoint, pathStyle, DEFAULT_CODEC, DEFAULT_ROTATE_RECORDS,
                DEFAULT_ROTATE_BYTES, DEFAULT_ROTATE_INTERVAL, DEFAULT_IDLE_FLUSH);
    }

    /** The same archive location with other rotation settings. */
    public ArchiveSettings withRotation(long records, long bytes, Duration interval, Duration idle) {
        return new ArchiveSettings(type, localPath, bucket, prefix, region, endpoint, pathStyle, codec, records, bytes,
                interval, idle);
    }
}
