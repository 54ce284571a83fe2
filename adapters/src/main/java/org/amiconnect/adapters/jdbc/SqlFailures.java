package org.amiconnect.adapters.jdbc;

import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientException;

import org.amiconnect.core.adapter.ExtractException;

/**
 * A database error as an {@link ExtractException} of the right kind: refused credentials (SQLState class 28, Oracle
 * ORA-01017) are {@code AUTH}; a missing table or column, or SQL the database rejects (class 42, Oracle ORA-009xx), is
 * {@code PERMANENT}; a broken or refused connection (class 08, recoverable and transient errors) and everything
 * else are {@code TRANSIENT}. The message names what was done and where; never a credential (drivers do not put the
 * password in their messages; the JDBC URL is not repeated).
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    /**
     * @param what what failed, naming the org and the database, e.g. {@code metersense source 'x': reading METERS}
     */
    public static ExtractException of(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = what + ": " + e.getMessage() + (state.isEmpty() ? "" : " (SQLState " + state + ")");
        if (e instanceof SQLInvalidAuthorizationSpecException || state.startsWith("28") || e.getErrorCode() == 1017) {
            return new ExtractException(ExtractException.Kind.AUTH, detail, e);
        }
        if (e instanceof SQLSyntaxErrorException || state.startsWith("42")) {
            return new ExtractException(ExtractException.Kind.PERMANENT, detail, e);
        }
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || e instanceof SQLTransientException || state.startsWith("08")) {
            return new ExtractException(ExtractException.Kind.TRANSIENT, detail, e);
        }
        return new ExtractException(ExtractException.Kind.TRANSIENT, detail, e);
    }
}
