package org.amiconnect.core.config.archfixture;

import org.amiconnect.core.adapter.SourceAdapter;

/** Breaks "config below the adapter contracts" on purpose, for {@code LayeringRulesTest}: never used by main code. */
public final class ConfigNamingTheAdapterContract {

    private SourceAdapter adapter;

    SourceAdapter adapter() {
        return adapter;
    }
}
