package org.amiconnect.adapters.subeca;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.amiconnect.core.adapter.ExtractException;
import org.amiconnect.core.adapter.ExtractSummary;
import org.amiconnect.core.adapter.ExtractWindow;
import org.amiconnect.core.adapter.Extractor;
import org.amiconnect.core.adapter.RawRecordSink;
import org.amiconnect.core.config.SourceConfig;
import org.amiconnect.core.topics.RecordKeys;
import org.amiconnect.schemas.raw.ExtractMetadata;
import org.amiconnect.schemas.raw.subeca.SubecaAccount;
import org.amiconnect.schemas.raw.subeca.SubecaLatestReading;
import org.amiconnect.schemas.raw.subeca.SubecaUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts one window of a Subeca source: every account id, then per account (one after the other, as the predecessor
 * did) its document and its hourly usages over the UTC days the window touches. Per account, the account record is
 * published first, then its latest reading, then its usages, all keyed {@code org|deviceId}, so a read's meter
 * precedes it in its partition.
 *
 * <p>What cannot be keyed by a device is not published and is counted as skipped: an account without a device (no
 * meter, no reads; the predecessor skipped it too) and a usage entry with an empty {@code deviceId} (the predecessor
 * dropped them). Both are summed up in one warning each.
 */
final class SubecaExtractor implements Extractor {

    private static final Logger log = LoggerFactory.getLogger(SubecaExtractor.class);

    private final SourceConfig source;
    private final SubecaClient client;
    private final Clock clock;

    SubecaExtractor(SourceConfig source, Clock clock) {
        SubecaSettings settings = source.settings(SubecaSettings.class);
        this.source = source;
        this.client = new SubecaClient(source.orgId(), settings, source.endpoint().orElse(settings.apiUrl()));
        this.clock = clock;
    }

    @Override
    public ExtractSummary extract(ExtractWindow window, RawRecordSink sink) throws ExtractException, InterruptedException {
        String org = source.orgId();
        Instant extractedAt = clock.instant();
        LocalDate first = LocalDate.ofInstant(window.start(), ZoneOffset.UTC);
        LocalDate last = window.end().isAfter(window.start())
                ? LocalDate.ofInstant(window.end().minusNanos(1), ZoneOffset.UTC) : first;
        Set<String> ids = client.accountIds();
        log.info("subeca source '{}': {} accounts; usages of {} .. {} (UTC days)", org, ids.size(), first, last);
        long rows = 0;
        List<String> noDevice = new ArrayList<>();
        long usagesWithoutDevice = 0;
        for (String accountId : ids) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            JsonNode document = client.account(accountId);
            JsonNode hourly = client.hourlyUsages(accountId, first, last);
            rows += 1 + hourly.size();
            String accountSource = "subeca account " + accountId;
            SubecaAccount account = SubecaRawRecords.account(document, metadata(window, extractedAt, accountSource, null));
            String deviceId = account.getDeviceId();
            if (deviceId == null || deviceId.isBlank()) {
                noDevice.add(accountId);
            } else {
                sink.publish(SubecaAdapter.ACCOUNT, RecordKeys.of(org, deviceId), account);
                SubecaLatestReading latest = SubecaRawRecords.latestReading(document,
                        metadata(window, extractedAt, accountSource + " latestReading", null));
                if (latest != null) {
                    sink.publish(SubecaAdapter.LATEST_READING, RecordKeys.of(org, deviceId), latest);
                }
            }
            String usageSource = "subeca usages of account " + accountId + " " + first + ".." + last;
            long position = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = hourly.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                SubecaUsage usage = SubecaRawRecords.usage(accountId, entry.getKey(), entry.getValue(),
                        metadata(window, extractedAt, usageSource, ++position));
                if (usage.getDeviceId() == null || usage.getDeviceId().isBlank()) {
                    usagesWithoutDevice++;
                    continue;
                }
                sink.publish(SubecaAdapter.USAGE, RecordKeys.of(org, usage.getDeviceId()), usage);
            }
        }
        List<String> warnings = new ArrayList<>();
        if (!noDevice.isEmpty()) {
            warnings.add("subeca source '" + org + "': " + noDevice.size() + " account(s) without a device are skipped"
                    + " (no meter, no reads): " + abbreviate(noDevice));
        }
        if (usagesWithoutDevice > 0) {
            warnings.add("subeca source '" + org + "': " + usagesWithoutDevice + " usage(s) without a deviceId are "
                    + "skipped");
        }
        log.info("subeca source '{}': {} accounts and usages read, {} skipped", org, rows,
                noDevice.size() + usagesWithoutDevice);
        return new ExtractSummary(rows, noDevice.size() + usagesWithoutDevice,
                "subeca accounts and usages " + first + ".." + last, warnings);
    }

    private ExtractMetadata metadata(ExtractWindow window, Instant extractedAt, String sourceName, Long position) {
        return ExtractMetadata.newBuilder()
                .setOrgId(source.orgId())
                .setRunId(window.runId())
                .setExtractedAt(extractedAt)
                .setSource(sourceName)
                .setSourceRecord(position)
                .build();
    }

    private static String abbreviate(List<String> ids) {
        return ids.size() <= 10 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 10)) + ", …";
    }
}
