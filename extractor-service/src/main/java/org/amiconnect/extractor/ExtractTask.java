package org.amiconnect.extractor;

import java.util.Optional;

import org.amiconnect.schemas.control.ExtractRequest;

/**
 * One run to execute: its id, what to extract, and the request it answers (whose id, reason, schedule tick and
 * backfill chunk are copied into every state of the run).
 */
public record ExtractTask(String runId, ExtractPlan plan, Optional<ExtractRequest> request) {
}
