package org.amiconnect.core.config;

/** A second test vendor, so that messages listing the known source types list more than one. */
public class OtherTestVendorAdapter extends TestVendorAdapter {

    @Override
    public String type() {
        return "other_vendor";
    }

    @Override
    public String vendor() {
        return "othervendor";
    }
}
