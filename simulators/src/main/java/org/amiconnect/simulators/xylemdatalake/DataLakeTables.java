package org.amiconnect.simulators.xylemdatalake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amiconnect.simulators.generator.SimulatedMeter;
import org.amiconnect.simulators.generator.SimulatedRead;
import org.amiconnect.simulators.generator.UtilityGenerator;

/**
 * The agency's Redshift tables as SQL Lab shows them, computed from the generator: {@code account} (one active row
 * per water meter, an older inactive row for every 10th meter, and one active non-water device per 50 meters),
 * {@code water_intervals} and {@code water_registers} (one row each per meter and hour, timestamps naive UTC, gallons
 * written {@code GAL}). Only the query shapes the Data Lake's users run are understood: a column list from one
 * table, filtered by {@code record_active_flag = '…'} or by a half-open {@code read_time_timestamp} range.
 *
 * <p>The column lists are this simulator's own (from the vendor's table descriptions), not the client's.
 */
final class DataLakeTables {

    static final List<String> ACCOUNT = List.of("device_id", "commodity", "device_type", "radio_id", "account_id",
            "account_name", "account_rate_code", "account_service_type", "account_status", "asset_address",
            "asset_city", "asset_state", "asset_zip", "meter_manufacturer", "meter_size", "display_multiplier",
            "sdp_id", "record_active_flag");
    static final List<String> WATER_INTERVALS = List.of("meter_id", "radio_id", "commodity", "unit_of_measure",
            "read_time_timestamp", "rni_multiplier", "interval_value", "read_time_timestamp_local");
    static final List<String> WATER_REGISTERS = List.of("meter_id", "radio_id", "commodity", "unit_of_measure",
            "read_time_timestamp", "read_quality", "flag", "rni_multiplier", "register_value",
            "read_time_timestamp_local");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SELECT = Pattern.compile(
            "(?is)^\\s*SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)\\.(\\w+)(?:\\s+WHERE\\s+(.+?))?\\s*;?\\s*$");
    private static final Pattern ACTIVE = Pattern.compile("(?i)^record_active_flag\\s*=\\s*'(\\w+)'$");
    private static final Pattern RANGE = Pattern.compile(
            "(?i)^read_time_timestamp\\s*>=\\s*'([^']+)'\\s+AND\\s+read_time_timestamp\\s*<\\s*'([^']+)'$");
    private static final DateTimeFormatter BOUND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter SPACE_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String schema;
    private final UtilityGenerator generator;

    DataLakeTables(String agencyCode, UtilityGenerator generator) {
        this.schema = "sensus_dm_" + agencyCode;
        this.generator = generator;
    }

    /** A query SQL Lab refuses, with the message Redshift would give. */
    static final class QueryError extends Exception {
        QueryError(String message) {
            super(message);
        }
    }

    /** The rows {@code sql} selects, each an object keyed by the selected columns in their order. */
    List<ObjectNode> run(String sql) throws QueryError {
        Matcher m = SELECT.matcher(sql);
        if (!m.matches()) {
            throw new QueryError("syntax error: the simulated Data Lake understands SELECT <columns> FROM "
                    + "<schema>.<table> [WHERE ...] only");
        }
        if (!m.group(2).equalsIgnoreCase(schema)) {
            throw new QueryError("schema \"" + m.group(2) + "\" does not exist");
        }
        String table = m.group(3).toLowerCase();
        List<String> columns = Arrays.stream(m.group(1).split(",")).map(String::trim).toList();
        String where = m.group(4) == null ? "" : m.group(4).trim();
        return switch (table) {
            case "account" -> select(columns, ACCOUNT, accounts(where));
            case "water_intervals" -> select(columns, WATER_INTERVALS, reads(where, false));
            case "water_registers" -> select(columns, WATER_REGISTERS, reads(where, true));
            default -> throw new QueryError("relation \"" + schema + "." + table + "\" does not exist");
        };
    }

    private static List<ObjectNode> select(List<String> columns, List<String> tableColumns, List<ObjectNode> rows)
            throws QueryError {
        List<String> selected = columns.equals(List.of("*")) ? tableColumns : columns;
        for (String column : selected) {
            if (!tableColumns.contains(column)) {
                throw new QueryError("column \"" + column + "\" does not exist");
            }
        }
        List<ObjectNode> out = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            ObjectNode projected = JSON.createObjectNode();
            for (String column : selected) {
                projected.set(column, row.get(column));
            }
            out.add(projected);
        }
        return out;
    }

    private List<ObjectNode> accounts(String where) throws QueryError {
        String flag = null;
        if (!where.isEmpty()) {
            Matcher m = ACTIVE.matcher(where);
            if (!m.matches()) {
                throw new QueryError("unsupported filter on account: " + where);
            }
            flag = m.group(1);
        }
        List<ObjectNode> rows = new ArrayList<>();
        for (SimulatedMeter meter : generator.meters()) {
            if (meter.index() % 10 == 3) {
                rows.add(account(meter, "OLD" + meter.accountId(), "WATER", "false"));
            }
            rows.add(account(meter, meter.accountId(), "WATER", "true"));
            if (meter.index() % 50 == 49) {
                ObjectNode electric = account(meter, meter.accountId(), "ELECTRIC", "true");
                electric.put("device_id", "E" + meter.meterId());
                rows.add(electric);
            }
        }
        if (flag == null) {
            return rows;
        }
        String wanted = flag;
        return rows.stream().filter(r -> r.get("record_active_flag").asText().equals(wanted)).toList();
    }

    private static ObjectNode account(SimulatedMeter meter, String accountId, String commodity, String active) {
        ObjectNode row = JSON.createObjectNode();
        row.put("device_id", meter.meterId());
        row.put("commodity", commodity);
        row.put("device_type", "METER");
        row.put("radio_id", meter.endpointSn());
        row.put("account_id", accountId);
        row.put("account_name", "CUSTOMER " + (meter.index() + 1));
        row.put("account_rate_code", meter.commercial() ? "040" : "020");
        row.put("account_service_type", meter.commercial() ? "C" : "R");
        row.put("account_status", "true".equals(active) ? "ACTIVE" : "INACTIVE");
        row.put("asset_address", meter.addressLine1());
        row.put("asset_city", meter.city());
        row.put("asset_state", meter.state());
        row.put("asset_zip", meter.zip());
        row.put("meter_manufacturer", "SE");
        if (meter.index() % 10 == 7) {
            row.put("meter_size", 402); // a Sensus size code, as some agencies' tables hold
        } else {
            row.put("meter_size", new BigDecimal(meter.meterSize()));
        }
        row.put("display_multiplier", 1);
        row.put("sdp_id", meter.locationId());
        row.put("record_active_flag", active);
        return row;
    }

    private List<ObjectNode> reads(String where, boolean registers) throws QueryError {
        Matcher m = RANGE.matcher(where);
        if (!m.matches()) {
            throw new QueryError("the simulated Data Lake answers read tables only for a read_time_timestamp range "
                    + "(>= '...' AND < '...'), not: " + where);
        }
        Instant from;
        Instant to;
        try {
            from = LocalDateTime.parse(m.group(1), BOUND).toInstant(ZoneOffset.UTC);
            to = LocalDateTime.parse(m.group(2), BOUND).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new QueryError("invalid input syntax for type timestamp: " + e.getParsedString());
        }
        List<ObjectNode> rows = new ArrayList<>();
        generator.reads(from, to).forEach(read -> rows.add(registers ? register(read) : interval(read)));
        return rows;
    }

    private static ObjectNode interval(SimulatedRead read) {
        ObjectNode row = common(read);
        row.put("unit_of_measure", unit(read.flowUnit()));
        row.put("read_time_timestamp", utc(read));
        row.put("rni_multiplier", "1");
        row.put("interval_value", read.flowString());
        row.put("read_time_timestamp_local", ISO_SECONDS.format(read.localTime()));
        return row;
    }

    private static ObjectNode register(SimulatedRead read) {
        ObjectNode row = common(read);
        row.put("unit_of_measure", unit(read.readUnit()));
        row.put("read_time_timestamp", utc(read));
        row.put("read_quality", read.estimated() ? "E" : "R");
        row.put("flag", "");
        row.put("rni_multiplier", "1");
        row.put("register_value", read.readString());
        row.put("read_time_timestamp_local", ISO_SECONDS.format(read.localTime()));
        return row;
    }

    private static ObjectNode common(SimulatedRead read) {
        ObjectNode row = JSON.createObjectNode();
        row.put("meter_id", read.meter().meterId());
        row.put("radio_id", read.meter().endpointSn());
        row.put("commodity", "WATER");
        return row;
    }

    /** Naive UTC; every 7th meter's rows are written with a space instead of the {@code T}, as some exports are. */
    private static String utc(SimulatedRead read) {
        LocalDateTime utc = LocalDateTime.ofInstant(read.instant(), ZoneOffset.UTC);
        return (read.meter().index() % 7 == 0 ? SPACE_SECONDS : ISO_SECONDS).format(utc);
    }

    /** The Data Lake writes gallons as {@code GAL}. */
    private static String unit(String generatorUnit) {
        return Map.of("Gallons", "GAL").getOrDefault(generatorUnit, generatorUnit);
    }
}
