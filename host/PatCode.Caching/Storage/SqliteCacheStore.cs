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
/// The cache in a SQLite file (<see cref="SqliteSchema"/>), with an in-memory index in front. Each mutation also goes
/// to the <see cref="SqliteChangeFeed"/>, so processes sharing the file see each other's writes and deletes; hit
/// counts and statistics wait in <see cref="PendingCounters"/> for the next write.
/// </summary>
internal sealed class SqliteCacheStore : ICacheBackend
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly CacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly InMemoryIndex _index = new();
    private readonly Dictionary<string, string> _partitions = new(StringComparer.Ordinal);
    private readonly PendingCounters _pending = new();
    private SqliteConnection _connection = null!;
    private SqliteStatements _sql = null!;
    private SqliteChangeFeed _feed = null!;
    private RawStatement _selectValue = null!;
    private long _lastFlush;
    private bool _disposed;

    private SqliteCacheStore(string path, CacheOptions options, TimeProvider time, ILogger logger)
    {
        Location = path;
        _options = options;
        _time = time;
        _logger = logger;
    }

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
                _pending.Add(StatNames.Misses, 1);
            }

            if (_time.GetElapsedTime(_lastFlush) >= FlushInterval && !_pending.IsEmpty)
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
            _pending.Add(StatNames.RefusedSecrets, 1);
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
                removed = _sql.Execute(transaction, "DELETE FROM entries");
                _sql.Execute(transaction, "DELETE FROM entry_values");
                _sql.Execute(transaction, "DELETE FROM changes");
                _feed.Append(transaction, SqliteChangeFeed.Clear, null);
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

                _pending.Add(StatNames.RemovedByCleanup, removed);
            });
            if (removed > 0)
            {
                // Give the pages back to the file system, so cleanup shrinks the WAL too.
                _sql.Execute(null, "PRAGMA wal_checkpoint(TRUNCATE)");
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
        _sql = new SqliteStatements(_connection);
        SqliteSchema.Prepare(_connection, _sql);
        _feed = new SqliteChangeFeed(_connection, _sql, _time);
        _selectValue = new RawStatement(_connection, "SELECT value FROM entry_values WHERE id = ?1");
        _lastFlush = _time.GetTimestamp();
        FullLoad();
    }

    private void FullLoad()
    {
        _index.Clear();
        using var transaction = _connection.BeginTransaction(deferred: true);
        var dataVersion = _feed.DataVersion();
        _feed.StartAtEnd(transaction);
        LoadAll(transaction);
        transaction.Commit();
        _feed.Seen(dataVersion);
    }

    /// <summary>
    /// Replays other processes' changes when the database changed since we last looked: on a hit at most once per
    /// <see cref="SqliteChangeFeed.CheckInterval"/> (so a hit may be up to that stale); misses pass <paramref name="force"/>.
    /// </summary>
    /// <returns>Whether the database was checked and had changed.</returns>
    private bool SyncIfDue(bool force)
    {
        if (!_feed.HasChanged(force, out var dataVersion))
        {
            return false;
        }

        using var transaction = _connection.BeginTransaction(deferred: true);
        ApplyChanges(transaction);
        transaction.Commit();
        _feed.Seen(dataVersion);
        return true;
    }

    private void ApplyChanges(SqliteTransaction transaction)
    {
        var changes = _feed.ReadNew(transaction);
        if (changes is null)
        {
            _index.Clear();
            LoadAll(transaction);
            return;
        }

        foreach (var (op, key) in changes)
        {
            if (op == SqliteChangeFeed.Clear)
            {
                _index.Clear();
            }
            else if (key is not null && op == SqliteChangeFeed.Delete)
            {
                _index.Remove(KeyHash.FromBytes(key));
            }
            else if (key is not null && op == SqliteChangeFeed.Put)
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
        _index.EnsureCapacity((int)_sql.ScalarInt64(transaction, "SELECT count(*) FROM entries"));
        var command = _sql.Command(transaction, $"SELECT {SqliteSchema.EntryColumns} FROM entries");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _index.Add(ReadEntry(reader));
        }
    }

    private StoredEntry? LoadEntry(SqliteTransaction transaction, byte[] key)
    {
        var command = _sql.Command(transaction, $"SELECT {SqliteSchema.EntryColumns} FROM entries WHERE key = $key");
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
        _pending.AddHit(entry.RowId, now);
        _pending.Add(kind == CacheHitKind.Exact ? StatNames.ExactHits : StatNames.NearHits, 1);
        _pending.Add(StatNames.TokensSaved, entry.OutputTokens);
        _pending.Add(StatNames.ModelMsSaved, entry.ModelMs);
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
            _pending.Flush(_sql, transaction);
            body(transaction);
            // Other connections cannot commit while we hold the write lock, and our own commit leaves data_version alone.
            var dataVersion = _feed.DataVersion();
            transaction.Commit();
            _feed.Seen(dataVersion);
            _feed.Checked();
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
        var command = _sql.Command(transaction, """
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
            var insertValue = _sql.Command(transaction, "INSERT OR REPLACE INTO entry_values(id, value) VALUES($id, $value)");
            insertValue.Parameters.AddWithValue("$id", rowId);
            insertValue.Parameters.AddWithValue("$value", value.Value);
            insertValue.ExecuteNonQuery();
        }

        _feed.Append(transaction, SqliteChangeFeed.Put, keyBytes);
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
            _feed.TrimIfDue(transaction);
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
            _pending.Add(StatNames.ForEviction(reason), 1);
        }

        _pending.Flush(_sql, transaction);
    }

    private bool Delete(SqliteTransaction transaction, KeyHash key)
    {
        var keyBytes = key.ToBytes();
        var command = _sql.Command(transaction, "DELETE FROM entries WHERE key = $key RETURNING id");
        command.Parameters.AddWithValue("$key", keyBytes);
        var rowId = command.ExecuteScalar();
        var removed = rowId is not null;
        if (removed)
        {
            var deleteValue = _sql.Command(transaction, "DELETE FROM entry_values WHERE id = $id");
            deleteValue.Parameters.AddWithValue("$id", rowId);
            deleteValue.ExecuteNonQuery();
        }

        _index.Remove(key);
        if (removed)
        {
            _feed.Append(transaction, SqliteChangeFeed.Delete, keyBytes);
        }

        return removed;
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

    private void CloseQuietly()
    {
        _sql?.Dispose();
        _feed?.Dispose();
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
