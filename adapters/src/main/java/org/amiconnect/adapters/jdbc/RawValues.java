package org.amiconnect.adapters.jdbc;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.amiconnect.core.adapter.NormalizationException;
import org.amiconnect.core.normalize.Units;
import org.amiconnect.core.normalize.VendorTimestamps;
import org.amiconnect.schemas.raw.ExtractMetadata;

/**
 * Cells of database raw records → standard values, every failure a {@link NormalizationException} naming the
 * table, row, org, meter and field (the record becomes a dead letter with that reason).
 */
public final class RawValues {

    private RawValues() {
    }

    /** {@code <source> row <n> (org <org>, <idField> <id>): }, the start of every message about a record. */
    public static String where(ExtractMetadata e, String idField, String id) {
        StringBuilder sb = new StringBuilder(e.getSource());
        if (e.getSourceRecord() != null) {
            sb.append(" row ").append(e.getSourceRecord());
        }
        sb.append(" (org ").append(e.getOrgId());
        if (id != null) {
            sb.append(", ").append(idField).append(' ').append(id);
        }
        return sb.append("): ").toString();
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A required identifier; empty is an error ({@code why} says what it is needed for). */
    public static String required(String value, String field, String where, String why) throws NormalizationException {
        String v = blankToNull(value);
        if (v == null) {
            throw new NormalizationException(field, where + field + " is empty; " + why);
        }
        return v;
    }

    /** A timestamp: naive text is local time in {@code zone}, text with an offset keeps it; null for empty. */
    public static Instant time(String text, ZoneId zone, String field, String where) throws NormalizationException {
        try {
            return VendorTimestamps.parse(text, zone);
        } catch (DateTimeParseException e) {
            throw new NormalizationException(field, where + field + ": '" + text
                    + "' is not a timestamp (expected e.g. 2024-01-01T01:00:00)", e);
        }
    }

    /** A number, or null for empty. */
    public static Double number(String text, String field, String where) throws NormalizationException {
        String v = blankToNull(text);
        if (v == null) {
            return null;
        }
        try {
            return Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw new NormalizationException(field, where + field + ": '" + text + "' is not a number");
        }
    }

    /**
     * A volume in {@code unit} converted to cubic feet; null for an empty value. An empty or unknown unit with a
     * value is an error: a number of unknown unit is never guessed.
     */
    public static Double cubicFeet(String value, String field, String unit, String unitField, String where)
            throws NormalizationException {
        Double number = number(value, field, where);
        if (number == null) {
            return null;
        }
        if (blankToNull(unit) == null) {
            throw new NormalizationException(unitField, where + unitField + " is empty but " + field + " is " + value
                    + "; a volume without a unit cannot be converted to cubic feet");
        }
        try {
            return Units.toCubicFeet(number, unit.trim());
        } catch (Units.UnknownUnitException e) {
            throw new NormalizationException(unitField, where + unitField + ": " + e.getMessage());
        }
    }

    /** A volume already in cubic feet (the vendor's unit is fixed), rounded as every converted volume is. */
    public static Double cubicFeet(String value, String field, String where) throws NormalizationException {
        Double number = number(value, field, where);
        return number == null ? null : Units.toCubicFeet(number, Units.CUBIC_FEET);
    }
}
