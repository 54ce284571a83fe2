package org.amiconnect.extractor.runs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;

import org.amiconnect.schemas.control.ExtractRequest;

/** Run ids read well in logs and sort by time: {@code <org>.<extract>.<yyyyMMddTHHmmssZ>.<8 hex>}. */
public final class RunIds {

    /** The extract name of a run that answers a request naming none (a manual request). */
    private static final String MANUAL = "manual";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** A fresh id for a run that answers no request. */
    public static String next(String orgId, String extractName, Instant now) {
        return orgId + "." + extractName + "." + STAMP.format(now) + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * The id of the run that answers {@code request}: derived from the request id, so whichever extractor instance
     * runs (or re-runs) the request writes the same run, and the compacted run topic keeps one state per request.
     */
    public static String forRequest(ExtractRequest request) {
        String extract = extractName(request);
        Instant stamp = request.getScheduledFor() != null ? request.getScheduledFor() : request.getRequestedAt();
        String name = request.getChunkIndex() == null ? extract : extract + "-" + request.getChunkIndex();
        return request.getOrgId() + "." + name + "." + STAMP.format(stamp) + "." + hash8(request.getRequestId());
    }

    /** The extract name of the run that answers {@code request}: the one it names, else {@code manual}. */
    public static String extractName(ExtractRequest request) {
        return request.getExtractName() == null ? MANUAL : request.getExtractName();
    }

    private static String hash8(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
