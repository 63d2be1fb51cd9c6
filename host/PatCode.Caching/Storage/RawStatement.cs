using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PatCode.Caching.Storage;

/// <summary>
/// A statement prepared once on SQLite's own API. The exact-lookup path runs two of these per call; going through
/// ADO.NET would cost more than the whole lookup budget.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    public long ScalarInt64()
    {
        try
        {
            return Step() ? raw.sqlite3_column_int64(_statement, 0) : 0;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The first column as UTF-8 text for the row whose parameter 1 is <paramref name="id"/>, or null.</summary>
    public string? TextById(long id)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_statement, 1, id));
            if (!Step())
            {
                return null;
            }

            return Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, 0));
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        Check(rc);
        return false;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_ROW && rc != raw.SQLITE_DONE)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_database));
        }
    }
}
