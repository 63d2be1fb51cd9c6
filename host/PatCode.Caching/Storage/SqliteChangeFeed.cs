using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PatCode.Caching.Storage;

/// <summary>
/// How processes sharing one cache file see each other's writes: every mutation appends (op, key) to the
/// <c>changes</c> table in its own transaction; when <c>PRAGMA data_version</c> says another connection committed,
/// the reader replays the rows it has not seen. The log keeps the last <see cref="Kept"/> changes; a reader that
/// fell further behind reloads everything.
/// </summary>
internal sealed class SqliteChangeFeed : IDisposable
{
    public const int Put = 1;
    public const int Delete = 2;
    public const int Clear = 3;
    private const int Kept = 20_000;
    private const int WritesPerTrim = 512;

    private readonly SqliteStatements _sql;
    private readonly TimeProvider _time;
    private readonly RawStatement _dataVersion;
    private long _lastSeq;
    private long _lastDataVersion;
    private long _lastCheck;
    private int _writesSinceTrim;

    public SqliteChangeFeed(SqliteConnection connection, SqliteStatements sql, TimeProvider time)
    {
        _sql = sql;
        _time = time;
        _dataVersion = new RawStatement(connection, "PRAGMA data_version");
    }

    /// <summary>How stale a hit may be with respect to another process's replacements and deletions.</summary>
    public static TimeSpan CheckInterval { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>SQLite's counter of other connections' commits; our own commits leave it alone.</summary>
    public long DataVersion() => _dataVersion.ScalarInt64();

    /// <summary>
    /// Whether another connection committed since we last looked. Asking SQLite costs a read transaction (~4 µs of
    /// file locking), so unless <paramref name="force"/> (misses), it asks at most once per <see cref="CheckInterval"/>.
    /// </summary>
    public bool HasChanged(bool force, out long dataVersion)
    {
        dataVersion = 0;
        if (!force && _time.GetElapsedTime(_lastCheck) < CheckInterval)
        {
            return false;
        }

        _lastCheck = _time.GetTimestamp();
        dataVersion = DataVersion();
        return dataVersion != _lastDataVersion;
    }

    /// <summary>Records that everything up to <paramref name="dataVersion"/> has been applied.</summary>
    public void Seen(long dataVersion) => _lastDataVersion = dataVersion;

    /// <summary>Counts a check as done now (after our own write, which caught up first).</summary>
    public void Checked() => _lastCheck = _time.GetTimestamp();

    /// <summary>Starts reading after the last change in the log, for a reader that has just loaded everything.</summary>
    public void StartAtEnd(SqliteTransaction transaction) =>
        _lastSeq = _sql.ScalarInt64(transaction, "SELECT coalesce(max(seq), 0) FROM changes");

    /// <summary>
    /// The changes logged since we last read, oldest first; <see langword="null"/> when the log was trimmed (or cleared)
    /// past what we have seen, and the caller must reload everything (the feed then reads on from the end).
    /// </summary>
    public IReadOnlyList<(int Op, byte[]? Key)>? ReadNew(SqliteTransaction transaction)
    {
        if (_sql.ScalarInt64(transaction, "SELECT coalesce(min(seq), 0) FROM changes") > _lastSeq + 1)
        {
            StartAtEnd(transaction);
            return null;
        }

        var changes = new List<(int Op, byte[]? Key)>();
        var command = _sql.Command(transaction, "SELECT seq, op, key FROM changes WHERE seq > $last ORDER BY seq");
        command.Parameters.AddWithValue("$last", _lastSeq);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _lastSeq = reader.GetInt64(0);
            changes.Add((reader.GetInt32(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
        }

        return changes;
    }

    public void Append(SqliteTransaction transaction, int op, byte[]? key)
    {
        var command = _sql.Command(transaction, "INSERT INTO changes(op, key) VALUES($op, $key) RETURNING seq");
        command.Parameters.AddWithValue("$op", op);
        command.Parameters.AddWithValue("$key", (object?)key ?? DBNull.Value);
        _lastSeq = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops all but the last <see cref="Kept"/> changes, once every <see cref="WritesPerTrim"/> writes.</summary>
    public void TrimIfDue(SqliteTransaction transaction)
    {
        if (++_writesSinceTrim >= WritesPerTrim)
        {
            _writesSinceTrim = 0;
            _sql.Execute(transaction, $"DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - {Kept}");
        }
    }

    public void Dispose() => _dataVersion.Dispose();
}
