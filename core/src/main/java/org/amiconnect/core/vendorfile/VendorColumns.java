package org.amiconnect.core.vendorfile;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns a vendor's file is read by, each declared required or optional. A file lacking a required column is
 * rejected before any of its rows is used (the error names the file and every missing column); a missing optional
 * column is a warning and its cells read as null; a column the vendor did not declare is kept with the row
 * ({@link VendorRow#extraColumns()}) and named in a warning.
 */
public final class VendorColumns {

    private final String vendor;
    private final List<String> names;
    private final Set<String> required;
    private final Map<String, Integer> indexByName = new HashMap<>();

    private VendorColumns(String vendor, List<String> names, Set<String> required) {
        this.vendor = vendor;
        this.names = names;
        this.required = required;
        for (int i = 0; i < names.size(); i++) {
            if (indexByName.putIfAbsent(names.get(i), i) != null) {
                throw new IllegalArgumentException(vendor + " declares column " + names.get(i) + " twice");
            }
        }
        for (String r : required) {
            if (!indexByName.containsKey(r)) {
                throw new IllegalArgumentException(vendor + " requires column " + r + " but does not declare it");
            }
        }
    }

    /**
     * @param vendor the vendor as named in messages, e.g. {@code Beacon 360}
     * @param names every column the vendor's raw record holds, exactly as the vendor writes them
     * @param required those of {@code names} without which the file cannot be used
     */
    public static VendorColumns of(String vendor, List<String> names, Collection<String> required) {
        return new VendorColumns(vendor, List.copyOf(names), Set.copyOf(new LinkedHashSet<>(required)));
    }

    public String vendor() {
        return vendor;
    }

    /** The declared columns in declaration order; {@link VendorRow#get(int)} takes an index into this list. */
    public List<String> names() {
        return names;
    }

    public boolean required(String name) {
        return required.contains(name);
    }

    /** The index of a declared column. @throws IllegalArgumentException for a column that is not declared */
    public int index(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new IllegalArgumentException(vendor + " declares no column " + name);
        }
        return i;
    }
}
