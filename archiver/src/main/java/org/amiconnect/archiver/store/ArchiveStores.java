package org.amiconnect.archiver.store;

import org.amiconnect.core.config.ArchiveSettings;

/** Opens the archive a configuration names. */
public final class ArchiveStores {

    private ArchiveStores() {
    }

    public static ArchiveStore open(ArchiveSettings settings) {
        return switch (settings.type()) {
            case "local" -> new LocalArchiveStore(settings.localPath());
            case "s3" -> new S3ArchiveStore(S3ArchiveStore.client(settings), settings.bucket(), settings.prefix(),
                    S3ArchiveStore.DEFAULT_PART_SIZE);
            default -> throw new IllegalArgumentException("archive.type '" + settings.type()
                    + "' is not an archive type; expected local or s3");
        };
    }
}
