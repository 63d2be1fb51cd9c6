using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PatCode.Caching.Diagnostics;
using PatCode.Caching.Keys;
using PatCode.Caching.Similarity;
using PatCode.Core;
using PatCode.Core.IO;

namespace PatCode.Caching.Storage;

/// <summary>
/// The cache in a SQLite file, with an in-memory index in front. Every write is its own IMMEDIATE transaction in WAL
/// mode with synchronous=NORMAL: a commit survives the process being killed (the WAL is in the OS before COMMIT
/// returns) though not a power cut: the right trade for a cache, where an fsync per write would cost milliseconds.
/// Each mutation also appends to a change log; when <c>PRAGMA data_version</c> says another process committed, the
/// index replays the log, so two processes see each other's writes and deletes.
/// </summary>
internal sealed class SqliteCacheStore : ICacheBackend
{
    internal const int SchemaVersion = 2;
    private const int OpPut = 1;
    private const int OpDelete = 2;
    private const int OpClear = 3;
    private const int ChangeLogKept = 20_000;
    private const string EntryColumns = "id, key, partition, near_scope, shingles, bands, created_ms, expires_ms, last_hit_ms, hits, size, output_tokens, model_ms";
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);
    private const int ChangeCheckMilliseconds = 1;
    private static readonly long ChangeCheckTicks = Stopwatch.Frequency * ChangeCheckMilliseconds / 1000;

    private readonly Lock _gate = new();
    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InMemoryIndex _index = new();
    private readonly Dictionary<string, string> _partitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _pendingCounters = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (long Hits, long LastHitMs)> _pendingHits = [];
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection _connection = null!;
    private RawStatement _dataVersion = null!;
    private RawStatement _selectValue = null!;
    private long _lastSeq;
    private long _lastDataVersion;
    private long _lastFlush;
    private long _lastChangeCheck;
    private int _writesSinceTrim;
    private bool _disposed;

    private SqliteCacheStore(string path, CacheOptions options, TimeProvider time, ILogger logger)
    {
        Location = path;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>How stale a hit may be with respect to another process's replacements and deletions.</summary>
    internal static TimeSpan ChangeCheckInterval => TimeSpan.FromMilliseconds(ChangeCheckMilliseconds);

    public string Name => "sqlite";

    public string Location { get; }

    /// <summary>
    /// Opens (or creates) the cache at <paramref name="path"/>. A file SQLite cannot read is moved aside to
    /// <c>cache.db.corrupt-&lt;timestamp&gt;</c>, a line is added to <paramref name="warnings"/> and a fresh cache starts.
    /// </summary>
    public static SqliteCacheStore Open(string path, CacheOptions options, TimeProvider time, ILogger logger, ICollection<string> warnings)
    {
        PatCodePaths.EnsurePrivateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var store = new SqliteCacheStore(path, options, time, logger);
        try
        {
            store.Initialize();
            return store;
        }
        catch (Exception e) when (e is SqliteException or InvalidDataException)
        {
            store.CloseQuietly();
            var movedTo = CorruptFile.MoveAside(path, time, "-wal", "-shm");
            logger.MovedCorruptDatabase(e, path, movedTo);
            warnings.Add($"The cache database {path} could not be read ({FirstLine(e.Message)}); moved it to {movedTo} and started a fresh cache.");
            var fresh = new SqliteCacheStore(path, options, time, logger);
            fresh.Initialize();
            return fresh;
        }
    }

    public ValueTask<BackendHit?> GetAsync(CacheKey key, double nearThreshold, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var changed = SyncIfDue(force: false);
            var now = NowMs();
            var hit = Find(key, nearThreshold, now);
            if (hit is null && !changed && SyncIfDue(force: true))
            {
                // A miss always looks at the database, so another process's new entries are seen at once.
                hit = Find(key, nearThreshold, now);
            }

            if (hit is null)
            {
                AddPending(StatNames.Misses, 1);
            }

            if (_time.GetElapsedTime(_lastFlush) >= FlushInterval && (_pendingCounters.Count > 0 || _pendingHits.Count > 0))
            {
                try
                {
                    Write(_ => { });
                }
                catch (SqliteException e)
                {
                    // Counters wait for the next write; the lookup's answer is still good.
                    _lastFlush = _time.GetTimestamp();
                    _logger.CountersNotSaved(e);
                }
            }

            return ValueTask.FromResult(hit);
        }
    }

    private BackendHit? Find(CacheKey key, double nearThreshold, long now)
    {
        BackendHit? hit = null;
        if (_index.TryGet(key.Hash, out var entry) && !entry.IsExpired(now))
        {
            hit = ReadHit(entry, CacheHitKind.Exact, 1, now);
        }

        if (hit is null && nearThreshold < 1 && key.SupportsNear && _index.FindNear(key, nearThreshold, now) is var (near, similarity))
        {
            hit = ReadHit(near, CacheHitKind.Near, similarity, now);
        }

        return hit;
    }

    public ValueTask SetAsync(CacheKey key, StoredValue value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Write(transaction => Upsert(transaction, key, value));
            return ValueTask.CompletedTask;
        }
    }

    public ValueTask<bool> RemoveAsync(CacheKey key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var removed = false;
            Write(transaction => removed = Delete(transaction, key.Hash));
            return ValueTask.FromResult(removed);
        }
    }

    public ValueTask RecordRefusedSecretAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            AddPending(StatNames.RefusedSecrets, 1);
            return ValueTask.CompletedTask;
        }
    }

    public ValueTask<long> ClearAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long removed = 0;
            Write(transaction =>
            {
                removed = Execute(transaction, "DELETE FROM entries");
                Execute(transaction, "DELETE FROM entry_values");
                Execute(transaction, "DELETE FROM changes");
                LogChange(transaction, OpClear, null);
                _index.Clear();
            });
            return ValueTask.FromResult(removed);
        }
    }

    public ValueTask<long> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long removed = 0;
            Write(transaction =>
            {
                var now = NowMs();
                foreach (var entry in _index.Entries.Where(e => e.IsExpired(now)).ToList())
                {
                    Delete(transaction, entry.Key);
                    removed++;
                }

                AddPending(StatNames.RemovedByCleanup, removed);
            });
            if (removed > 0)
            {
                // Give the pages back to the file system, so cleanup shrinks the WAL too.
                Execute(null, "PRAGMA wal_checkpoint(TRUNCATE)");
            }

            return ValueTask.FromResult(removed);
        }
    }

    public ValueTask<CacheStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Write(_ => { });
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT count(*), coalesce(sum(size), 0) FROM entries";
            long entries, bytes;
            using (var reader = command.ExecuteReader())
            {
                reader.Read();
                entries = reader.GetInt64(0);
                bytes = reader.GetInt64(1);
            }

            var counters = new Dictionary<string, long>(StringComparer.Ordinal);
            command.CommandText = "SELECT name, value FROM stats";
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    counters[reader.GetString(0)] = reader.GetInt64(1);
                }
            }

            var onDisk = FileSize(Location) + FileSize(Location + "-wal");
            return ValueTask.FromResult(StatNames.ToStatistics(counters, Name, Location, entries, bytes, onDisk));
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return ValueTask.CompletedTask;
            }

            try
            {
                Write(_ => { });
            }
            catch (SqliteException e)
            {
                _logger.CountersNotSaved(e);
            }

            _disposed = true;
            CloseQuietly();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Writes many entries in one transaction. Only for building large caches in benchmarks and tests.</summary>
    internal void ImportForBenchmarks(IEnumerable<(CacheKey Key, StoredValue Value)> entries)
    {
        lock (_gate)
        {
            Write(transaction =>
            {
                foreach (var (key, value) in entries)
                {
                    Upsert(transaction, key, value, evict: false);
                }
            });
        }
    }

    private void Initialize()
    {
        CreateUserOnlyFile(Location);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Location,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _connection.Open();
        Execute(null, "PRAGMA busy_timeout = 10000");
        var journal = Scalar(null, "PRAGMA journal_mode = WAL");
        if (!string.Equals(journal as string, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"journal mode is {journal}, not WAL");
        }

        Execute(null, "PRAGMA synchronous = NORMAL");
        EnsureSchema();
        _dataVersion = new RawStatement(_connection, "PRAGMA data_version");
        _selectValue = new RawStatement(_connection, "SELECT value FROM entry_values WHERE id = ?1");
        _lastFlush = _time.GetTimestamp();
        FullLoad();
    }

    private void EnsureSchema()
    {
        if (Convert.ToInt64(Scalar(null, "PRAGMA user_version"), CultureInfo.InvariantCulture) == SchemaVersion)
        {
            return;
        }

        using var transaction = _connection.BeginTransaction(deferred: false);
        var version = Convert.ToInt64(Scalar(transaction, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version != SchemaVersion)
        {
            // A cache from another layout is worth less than the code to migrate it: start over.
            Execute(transaction, "DROP TABLE IF EXISTS entries; DROP TABLE IF EXISTS entry_values; DROP TABLE IF EXISTS changes; DROP TABLE IF EXISTS stats;");
            Execute(transaction, """
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
            Execute(transaction, $"PRAGMA user_version = {SchemaVersion}");
        }

        transaction.Commit();
    }

    private void FullLoad()
    {
        _index.Clear();
        using var transaction = _connection.BeginTransaction(deferred: true);
        var dataVersion = _dataVersion.ScalarInt64();
        _lastSeq = Convert.ToInt64(Scalar(transaction, "SELECT coalesce(max(seq), 0) FROM changes"), CultureInfo.InvariantCulture);
        LoadAll(transaction);
        transaction.Commit();
        _lastDataVersion = dataVersion;
    }

    /// <summary>
    /// Replays other processes' changes when the database changed since we last looked. Asking SQLite costs a read
    /// transaction (~4 µs of file locking), so hits ask at most once per <see cref="ChangeCheckInterval"/>: a hit may
    /// be up to that stale. Misses pass <paramref name="force"/>.
    /// </summary>
    /// <returns>Whether the database was checked and had changed.</returns>
    private bool SyncIfDue(bool force)
    {
        var now = Stopwatch.GetTimestamp();
        if (!force && now - _lastChangeCheck < ChangeCheckTicks)
        {
            return false;
        }

        _lastChangeCheck = now;
        var dataVersion = _dataVersion.ScalarInt64();
        if (dataVersion == _lastDataVersion)
        {
            return false;
        }

        using var transaction = _connection.BeginTransaction(deferred: true);
        ApplyChanges(transaction);
        transaction.Commit();
        _lastDataVersion = dataVersion;
        return true;
    }

    private void ApplyChanges(SqliteTransaction transaction)
    {
        var oldest = Convert.ToInt64(Scalar(transaction, "SELECT coalesce(min(seq), 0) FROM changes"), CultureInfo.InvariantCulture);
        if (oldest > _lastSeq + 1)
        {
            // The log was trimmed (or cleared) past what we have seen: reload everything.
            _index.Clear();
            _lastSeq = Convert.ToInt64(Scalar(transaction, "SELECT coalesce(max(seq), 0) FROM changes"), CultureInfo.InvariantCulture);
            LoadAll(transaction);
            return;
        }

        var changed = new List<(int Op, byte[]? Key)>();
        {
            var command = Command(transaction, "SELECT seq, op, key FROM changes WHERE seq > $last ORDER BY seq");
            command.Parameters.AddWithValue("$last", _lastSeq);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _lastSeq = reader.GetInt64(0);
                changed.Add((reader.GetInt32(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
            }
        }

        foreach (var (op, key) in changed)
        {
            if (op == OpClear)
            {
                _index.Clear();
            }
            else if (key is not null && op == OpDelete)
            {
                _index.Remove(KeyHash.FromBytes(key));
            }
            else if (key is not null && op == OpPut)
            {
                var entry = LoadEntry(transaction, key);
                if (entry is null)
                {
                    _index.Remove(KeyHash.FromBytes(key));
                }
                else
                {
                    _index.Add(entry);
                }
            }
        }
    }

    private void LoadAll(SqliteTransaction transaction)
    {
        _index.EnsureCapacity(Convert.ToInt32(Scalar(transaction, "SELECT count(*) FROM entries"), CultureInfo.InvariantCulture));
        var command = Command(transaction, $"SELECT {EntryColumns} FROM entries");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _index.Add(ReadEntry(reader));
        }
    }

    private StoredEntry? LoadEntry(SqliteTransaction transaction, byte[] key)
    {
        var command = Command(transaction, $"SELECT {EntryColumns} FROM entries WHERE key = $key");
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    private StoredEntry ReadEntry(SqliteDataReader reader)
    {
        var key = (byte[])reader.GetValue(1);
        var shingles = (byte[])reader.GetValue(4);
        var bands = (byte[])reader.GetValue(5);
        if (key.Length != KeyHash.Size || shingles.Length % sizeof(ulong) != 0 || (bands.Length != 0 && bands.Length != MinHasher.Bands * sizeof(ulong)))
        {
            throw new InvalidDataException("an entry has keys of the wrong length");
        }

        var partition = reader.GetString(2);
        if (!_partitions.TryGetValue(partition, out var interned))
        {
            _partitions[partition] = interned = partition;
        }

        return new StoredEntry
        {
            RowId = reader.GetInt64(0),
            Key = KeyHash.FromBytes(key),
            Partition = interned,
            NearScope = unchecked((ulong)reader.GetInt64(3)),
            ShingleBytes = shingles,
            BandKeyBytes = bands,
            CreatedMs = reader.GetInt64(6),
            ExpiresMs = reader.GetInt64(7),
            LastHitMs = reader.GetInt64(8),
            Hits = reader.GetInt64(9),
            Size = reader.GetInt64(10),
            OutputTokens = reader.GetInt64(11),
            ModelMs = reader.GetInt64(12),
        };
    }

    private BackendHit? ReadHit(StoredEntry entry, CacheHitKind kind, double similarity, long now)
    {
        var value = entry.Value;
        if (value is null)
        {
            value = _selectValue.TextById(entry.RowId);
            if (value is null)
            {
                // Deleted by another process between its commit and our sync.
                _index.Remove(entry.Key);
                return null;
            }

            _index.RememberValue(entry, value);
        }

        entry.Hits++;
        entry.LastHitMs = now;
        _pendingHits[entry.RowId] = _pendingHits.TryGetValue(entry.RowId, out var pending) ? (pending.Hits + 1, now) : (1, now);
        AddPending(kind == CacheHitKind.Exact ? StatNames.ExactHits : StatNames.NearHits, 1);
        AddPending(StatNames.TokensSaved, entry.OutputTokens);
        AddPending(StatNames.ModelMsSaved, entry.ModelMs);
        return new BackendHit(value, kind, similarity, entry.OutputTokens, entry.ModelMs);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one IMMEDIATE transaction, after catching up with other processes and together
    /// with the pending counters. If anything fails the index is rebuilt from the database, which is the truth.
    /// </summary>
    private void Write(Action<SqliteTransaction> body)
    {
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            ApplyChanges(transaction);
            FlushPending(transaction);
            body(transaction);
            // Other connections cannot commit while we hold the write lock, and our own commit leaves data_version alone.
            var dataVersion = _dataVersion.ScalarInt64();
            transaction.Commit();
            _lastDataVersion = dataVersion;
            _lastChangeCheck = Stopwatch.GetTimestamp();
            _lastFlush = _time.GetTimestamp();
        }
        catch
        {
            TryFullLoad();
            throw;
        }
    }

    private void Upsert(SqliteTransaction transaction, CacheKey key, StoredValue value, bool evict = true)
    {
        var now = NowMs();
        var keyBytes = key.Hash.ToBytes();
        var shingleBytes = key.SupportsNear ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.Shingles.AsSpan()).ToArray() : [];
        var bandBytes = key.SupportsNear ? System.Runtime.InteropServices.MemoryMarshal.AsBytes(key.BandKeys.AsSpan()).ToArray() : [];
        var size = Encoding.UTF8.GetByteCount(value.Value);
        var expires = now + (long)value.TimeToLive.TotalMilliseconds;
        var command = Command(transaction, """
            INSERT INTO entries(key, partition, near_scope, shingles, bands, created_ms, expires_ms, last_hit_ms, hits, size, output_tokens, model_ms)
            VALUES($key, $partition, $scope, $shingles, $bands, $now, $expires, 0, 0, $size, $tokens, $modelMs)
            ON CONFLICT(key) DO UPDATE SET near_scope = excluded.near_scope, shingles = excluded.shingles, bands = excluded.bands,
                created_ms = excluded.created_ms, expires_ms = excluded.expires_ms, last_hit_ms = 0, hits = 0,
                size = excluded.size, output_tokens = excluded.output_tokens, model_ms = excluded.model_ms
            RETURNING id
            """);
        command.Parameters.AddWithValue("$key", keyBytes);
        command.Parameters.AddWithValue("$partition", key.Partition);
        command.Parameters.AddWithValue("$scope", unchecked((long)key.NearScope));
        command.Parameters.AddWithValue("$shingles", shingleBytes);
        command.Parameters.AddWithValue("$bands", bandBytes);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$expires", expires);
        command.Parameters.AddWithValue("$size", size);
        command.Parameters.AddWithValue("$tokens", value.OutputTokens);
        command.Parameters.AddWithValue("$modelMs", value.ModelMs);
        var rowId = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        {
            var insertValue = Command(transaction, "INSERT OR REPLACE INTO entry_values(id, value) VALUES($id, $value)");
            insertValue.Parameters.AddWithValue("$id", rowId);
            insertValue.Parameters.AddWithValue("$value", value.Value);
            insertValue.ExecuteNonQuery();
        }

        LogChange(transaction, OpPut, keyBytes);
        var stored = new StoredEntry
        {
            RowId = rowId,
            Key = key.Hash,
            Partition = key.Partition,
            NearScope = key.NearScope,
            ShingleBytes = shingleBytes,
            BandKeyBytes = bandBytes,
            CreatedMs = now,
            ExpiresMs = expires,
            Size = size,
            OutputTokens = value.OutputTokens,
            ModelMs = value.ModelMs,
        };
        _index.Add(stored);
        _index.RememberValue(stored, value.Value);

        if (evict)
        {
            EvictIfOverLimits(transaction, key.Hash, now);
            if (++_writesSinceTrim >= 512)
            {
                _writesSinceTrim = 0;
                Execute(transaction, $"DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - {ChangeLogKept}");
            }
        }
    }

    private void EvictIfOverLimits(SqliteTransaction transaction, KeyHash justWritten, long now)
    {
        var maxBytes = _options.MaxBytes > 0 ? _options.MaxBytes : long.MaxValue;
        if (_index.Count <= _options.MaxEntries && _index.TotalBytes <= maxBytes)
        {
            return;
        }

        // Evict down to 90 % of the limits, so eviction runs once per many writes rather than on every one.
        var targetCount = Math.Max(1, _options.MaxEntries - Math.Max(1, _options.MaxEntries / 10));
        var targetBytes = maxBytes == long.MaxValue ? long.MaxValue : maxBytes - (maxBytes / 10);
        foreach (var (entry, reason) in _index.SelectVictims(targetCount, targetBytes, now, justWritten))
        {
            Delete(transaction, entry.Key);
            AddPending(StatNames.ForEviction(reason), 1);
        }

        FlushPending(transaction);
    }

    private bool Delete(SqliteTransaction transaction, KeyHash key)
    {
        var keyBytes = key.ToBytes();
        var command = Command(transaction, "DELETE FROM entries WHERE key = $key RETURNING id");
        command.Parameters.AddWithValue("$key", keyBytes);
        var rowId = command.ExecuteScalar();
        var removed = rowId is not null;
        if (removed)
        {
            var deleteValue = Command(transaction, "DELETE FROM entry_values WHERE id = $id");
            deleteValue.Parameters.AddWithValue("$id", rowId);
            deleteValue.ExecuteNonQuery();
        }

        _index.Remove(key);
        if (removed)
        {
            LogChange(transaction, OpDelete, keyBytes);
        }

        return removed;
    }

    private void LogChange(SqliteTransaction transaction, int op, byte[]? key)
    {
        var command = Command(transaction, "INSERT INTO changes(op, key) VALUES($op, $key) RETURNING seq");
        command.Parameters.AddWithValue("$op", op);
        command.Parameters.AddWithValue("$key", (object?)key ?? DBNull.Value);
        _lastSeq = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void FlushPending(SqliteTransaction transaction)
    {
        if (_pendingHits.Count > 0)
        {
            var command = Command(transaction, "UPDATE entries SET hits = hits + $hits, last_hit_ms = max(last_hit_ms, $at) WHERE id = $id");
            var hits = command.Parameters.Add("$hits", SqliteType.Integer);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (rowId, pending) in _pendingHits)
            {
                hits.Value = pending.Hits;
                at.Value = pending.LastHitMs;
                id.Value = rowId;
                command.ExecuteNonQuery();
            }

            _pendingHits.Clear();
        }

        if (_pendingCounters.Count > 0)
        {
            var command = Command(transaction, "INSERT INTO stats(name, value) VALUES($name, $value) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value");
            var name = command.Parameters.Add("$name", SqliteType.Text);
            var value = command.Parameters.Add("$value", SqliteType.Integer);
            foreach (var (counter, delta) in _pendingCounters)
            {
                name.Value = counter;
                value.Value = delta;
                command.ExecuteNonQuery();
            }

            _pendingCounters.Clear();
        }
    }

    private void AddPending(string counter, long delta)
    {
        if (delta != 0)
        {
            _pendingCounters[counter] = _pendingCounters.GetValueOrDefault(counter) + delta;
        }
    }

    private void TryFullLoad()
    {
        try
        {
            FullLoad();
        }
        catch (SqliteException e)
        {
            _logger.ReloadFailed(e);
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long Execute(SqliteTransaction? transaction, string sql) => Command(transaction, sql).ExecuteNonQuery();

    private object? Scalar(SqliteTransaction? transaction, string sql) => Command(transaction, sql).ExecuteScalar();

    /// <summary>A command kept for reuse, so SQLite prepares each statement once rather than on every write.</summary>
    private SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    private void CloseQuietly()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        _dataVersion?.Dispose();
        _selectValue?.Dispose();
        _connection?.Dispose();
    }

    private static void CreateUserOnlyFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const UnixFileMode UserOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            // SQLite gives the -wal and -shm files the database file's mode, so this covers all three.
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = UserOnly });
        }
        else if (File.GetUnixFileMode(path) != UserOnly)
        {
            File.SetUnixFileMode(path, UserOnly);
        }
    }

    private static long FileSize(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
