package org.amiconnect.archiver;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.amiconnect.archiver.store.S3ArchiveStore;
import org.amiconnect.core.config.ArchiveSettings;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server in this JVM: S3Proxy over jclouds' in-memory ({@code transient}) blob store, on a free
 * loopback port, with AWS signature checking. The archiver reaches it with the real AWS SDK client.
 *
 * @param proxy the running S3Proxy
 * @param context the in-memory blob store behind it
 * @param endpoint its {@code http://127.0.0.1:<port>} address
 */
public record S3ProxyServer(S3Proxy proxy, BlobStoreContext context, URI endpoint) implements AutoCloseable {

    public static final String BUCKET = "ami-archive";
    private static final String ACCESS_KEY = "archive-test-access";
    private static final String SECRET_KEY = "archive-test-secret";

    private static S3ProxyServer shared;

    /**
     * One server for every test of this JVM, started on first use and stopped when the JVM exits; tests keep apart by
     * an object prefix of their own.
     */
    public static synchronized S3ProxyServer shared() {
        if (shared == null) {
            try {
                S3ProxyServer started = start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (Exception e) {
                        // the JVM is exiting: nothing is left to clean up after
                    }
                }, "s3proxy-stop"));
                shared = started;
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
        }
        return shared;
    }

    private static S3ProxyServer start() throws Exception {
        Properties props = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(props).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        S3ProxyServer server = new S3ProxyServer(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
        try (S3Client s3 = server.client()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        return server;
    }

    /** The archive settings of an S3 archive under {@code prefix} in the test bucket. */
    public ArchiveSettings settings(String prefix) {
        return new ArchiveSettings("s3", null, BUCKET, prefix, "us-east-1", Optional.of(endpoint), true);
    }

    public S3Client client() {
        return S3ArchiveStore.client(settings(""), StaticCredentialsProvider.create(
                AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    public S3ArchiveStore store(String prefix) {
        return store(prefix, S3ArchiveStore.DEFAULT_PART_SIZE);
    }

    public S3ArchiveStore store(String prefix, long partSize) {
        return new S3ArchiveStore(client(), BUCKET, prefix, partSize);
    }

    /** Every object under a prefix with its bytes, by key relative to the prefix. */
    public Map<String, byte[]> objects(String prefix) {
        Map<String, byte[]> out = new HashMap<>();
        try (S3Client s3 = client()) {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix + "/")).contents()) {
                out.put(o.key().substring(prefix.length() + 1),
                        s3.getObject(r -> r.bucket(BUCKET).key(o.key()), ResponseTransformer.toBytes()).asByteArray());
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
