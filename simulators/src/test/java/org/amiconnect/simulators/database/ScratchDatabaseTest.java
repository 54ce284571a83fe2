package org.amiconnect.simulators.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.amiconnect.simulators.SimulatorUnavailableException;
import org.junit.jupiter.api.Test;

class ScratchDatabaseTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    @Test
    void anUnreachableServerMakesTheSimulatorUnavailableNamingTheServer() {
        SimulatorUnavailableException e = catchThrowableOfType(SimulatorUnavailableException.class,
                () -> ScratchDatabase.create("jdbc:postgresql://127.0.0.1:1/postgres?user=postgres&connectTimeout=2",
                        "sim_x"));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("PostgreSQL at 127.0.0.1:1 is not reachable");
    }

    @Test
    void insertsRowsByColumnNameAndDropsTheSchemaOnClose() throws Exception {
        String schema;
        try (ScratchDatabase db = ScratchDatabase.create(SERVER, "sim_test")) {
            schema = db.schema();
            db.execute("CREATE TABLE t (a VARCHAR(10), b INTEGER)");
            try (ScratchDatabase.Inserter rows = db.inserter("t", List.of("a", "b"))) {
                rows.row(Map.of("b", 2, "a", "x"));
                rows.row(Map.of("a", "y"));
            }
            try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT count(*), sum(b) FROM " + schema + ".t")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(2);
                assertThat(r.getInt(2)).isEqualTo(2);
            }
            assertThat(db.tunneledUrlTemplate()).isEqualTo("jdbc:postgresql://{host}:{port}/test?currentSchema="
                    + schema);
        }
        try (Connection c = DriverManager.getConnection(SERVER); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.schemata WHERE schema_name = '"
                        + schema + "'")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
    }
}
