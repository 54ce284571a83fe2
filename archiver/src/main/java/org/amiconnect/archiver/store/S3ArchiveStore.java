package org.amiconnect.archiver.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.amiconnect.archiver.format.ArchiveKey;
import org.amiconnect.archiver.format.ArchiveObjectReader;
import org.amiconnect.archiver.format.CorruptArchiveObjectException;
import org.amiconnect.archiver.format.ObjectSummary;
import org.amiconnect.core.config.ArchiveSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An archive in an S3 bucket (or an S3-compatible store) under a key prefix. Objects larger than the part size go up
 * as multipart uploads, which S3 makes visible only when complete; a failed one is aborted. Each object also carries
 * its summary as user metadata, so that deciding whether an object already exists costs one HEAD request.
 */
public final class S3ArchiveStore implements ArchiveStore {

    private static final Logger log = LoggerFactory.getLogger(S3ArchiveStore.class);

    /** S3's smallest part (except the last) is 5 MiB. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;
    private static final String CONTENT_TYPE = "application/avro";

    private final S3Client s3;
    private final String bucket;
    private final String root;
    private final long partSize;

    /**
     * @param prefix key prefix inside the bucket, without a trailing slash ("" for none)
     * @param partSize objects larger than this are uploaded in parts of this size
     */
    public S3ArchiveStore(S3Client s3, String bucket, String prefix, long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 multipart part size " + partSize + " is below S3's minimum "
                    + MIN_PART_SIZE);
        }
        this.s3 = s3;
        this.bucket = bucket;
        String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        this.root = p.isEmpty() ? "" : p + "/";
        this.partSize = partSize;
    }

    /** An S3 client for the configured region and endpoint, with credentials from the default provider chain. */
    public static S3Client client(ArchiveSettings settings) {
        return client(settings, DefaultCredentialsProvider.builder().build());
    }

    public static S3Client client(ArchiveSettings settings, AwsCredentialsProvider credentials) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(endpoint -> b.endpointOverride(endpoint)
                // S3-compatible stores (MinIO, S3Proxy, ...) often reject the SDK's default aws-chunked trailing
                // checksums; AWS itself keeps the SDK defaults
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return b.build();
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + root;
    }

    @Override
    public void put(ArchiveKey key, Path file, ObjectSummary summary) {
        String name = root + key.path();
        try {
            long size = Files.size(file);
            Map<String, String> metadata = metadata(summary);
            if (size <= partSize) {
                s3.putObject(r -> r.bucket(bucket).key(name).contentType(CONTENT_TYPE).metadata(metadata),
                        RequestBody.fromFile(file));
            } else {
                putMultipart(name, file, size, metadata);
            }
        } catch (IOException | SdkException e) {
            throw new ArchiveStoreException("Cannot store archive object " + key + " in " + location() + ": "
                    + e.getMessage(), e);
        }
    }

    private void putMultipart(String name, Path file, long size, Map<String, String> metadata) throws IOException {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(name).contentType(CONTENT_TYPE)
                .metadata(metadata)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            long left = size;
            for (int number = 1; left > 0; number++) {
                byte[] part = in.readNBytes((int) Math.min(partSize, left));
                int n = number;
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(name).uploadId(uploadId).partNumber(n)
                        .contentLength((long) part.length), RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                left -= part.length;
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(name).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
            log.debug("Uploaded {} in {} parts", name, parts.size());
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(name).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            throw e;
        }
    }

    @Override
    public Optional<ObjectSummary> summary(ArchiveKey key) {
        String name = root + key.path();
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(bucket).key(name));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new ArchiveStoreException("Cannot look up archive object " + key + " in " + location() + ": "
                    + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ArchiveStoreException("Cannot look up archive object " + key + " in " + location() + ": "
                    + e.getMessage(), e);
        }
        Optional<ObjectSummary> fromMetadata = fromMetadata(head.metadata());
        if (fromMetadata.isPresent()) {
            return fromMetadata;
        }
        // written by something that did not set the metadata: the Avro header has the same facts
        try {
            return Optional.of(ArchiveObjectReader.readSummary(key.path(), open(key.path())));
        } catch (CorruptArchiveObjectException e) {
            log.warn("{}; it will be replaced", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<StoredObject> list(String keyPrefix) {
        List<StoredObject> out = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(root + keyPrefix)).contents()) {
                String key = o.key().substring(root.length());
                if (ArchiveKey.isKey(key)) {
                    out.add(new StoredObject(key, o.size()));
                }
            }
        } catch (SdkException e) {
            throw new ArchiveStoreException("Cannot list archive objects under " + location() + keyPrefix + ": "
                    + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(StoredObject::key));
        return out;
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(r -> r.bucket(bucket).key(root + key));
        } catch (NoSuchKeyException e) {
            throw new ArchiveStoreException("No archive object " + key + " in " + location(), e);
        } catch (SdkException e) {
            throw new ArchiveStoreException("Cannot open archive object " + key + " in " + location() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private static Map<String, String> metadata(ObjectSummary s) {
        Map<String, String> m = new HashMap<>();
        m.put("topic", s.topic());
        m.put("partition", String.valueOf(s.partition()));
        m.put("first-offset", String.valueOf(s.firstOffset()));
        m.put("last-offset", String.valueOf(s.lastOffset()));
        m.put("record-count", String.valueOf(s.recordCount()));
        s.topicId().ifPresent(id -> m.put("topic-id", id));
        return m;
    }

    private static Optional<ObjectSummary> fromMetadata(Map<String, String> m) {
        List<String> names = List.of("topic", "partition", "first-offset", "last-offset", "record-count");
        if (!m.keySet().containsAll(names)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ObjectSummary(m.get("topic"), Integer.parseInt(m.get("partition")),
                    Long.parseLong(m.get("first-offset")), Long.parseLong(m.get("last-offset")),
                    Long.parseLong(m.get("record-count")), Optional.ofNullable(m.get("topic-id"))));
        } catch (NumberFormatException e) {
            return Optional.empty(); // the Avro header has the same facts
        }
    }

    @Override
    public String toString() {
        return "S3 archive " + location();
    }
}
