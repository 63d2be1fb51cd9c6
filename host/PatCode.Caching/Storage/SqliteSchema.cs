using Microsoft.Data.Sqlite;

namespace PatCode.Caching.Storage;

/// <summary>
/// The cache file's layout and connection settings. Every write is its own IMMEDIATE transaction in WAL mode with
/// synchronous=NORMAL: a commit survives the process being killed (the WAL is in the OS before COMMIT returns)
/// though not a power cut, the right trade for a cache, where an fsync per write would cost milliseconds.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Bump when the layout changes: a file of another version is emptied and rebuilt, not migrated.</summary>
    public const int Version = 2;

    /// <summary>The columns of <c>entries</c>, in the order <see cref="SqliteCacheStore"/> reads them.</summary>
    public const string EntryColumns = "id, key, partition, near_scope, shingles, bands, created_ms, expires_ms, last_hit_ms, hits, size, output_tokens, model_ms";

    /// <summary>Sets the connection up (busy timeout, WAL, synchronous) and creates or replaces the tables when the file's version differs.</summary>
    /// <exception cref="InvalidDataException">SQLite cannot put the file in WAL mode.</exception>
    public static void Prepare(SqliteConnection connection, SqliteStatements sql)
    {
        sql.Execute(null, "PRAGMA busy_timeout = 10000");
        var journal = sql.Scalar(null, "PRAGMA journal_mode = WAL");
        if (!string.Equals(journal as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"journal mode is {journal}, not WAL");
        }

        sql.Execute(null, "PRAGMA synchronous = NORMAL");
        if (sql.ScalarInt64(null, "PRAGMA user_version") == Version)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        if (sql.ScalarInt64(transaction, "PRAGMA user_version") != Version)
        {
            // A cache from another layout is worth less than the code to migrate it: start over.
            sql.Execute(transaction, "DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS entry_values; DROP TABLE IF EXISTS changes; DROP TABLE IF EXISTS stats;");
            sql.Execute(transaction, """
                CREATE TABLE entries(
                    id INTEGER PRIMARY KEY,
                    key BLOB NOT NULL UNIQUE,
                    partition TEXT NOT NULL,
                    near_scope INTEGER NOT NULL,
                    shingles BLOB NOT NULL,
                    bands BLOB NOT NULL,
                    created_ms INTEGER NOT NULL,
                    expires_ms INTEGER NOT NULL,
                    last_hit_ms INTEGER NOT NULL,
                    hits INTEGER NOT NULL,
                    size INTEGER NOT NULL,
                    output_tokens INTEGER NOT NULL,
                    model_ms INTEGER NOT NULL);
                -- Values live apart from the metadata, so opening the cache scans only the (much smaller) metadata.
                CREATE TABLE entry_values(id INTEGER PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, op INTEGER NOT NULL, key BLOB);
                CREATE TABLE stats(name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                """);
            sql.Execute(transaction, $"PRAGMA user_version = {Version}");
        }

        transaction.Commit();
    }
}
