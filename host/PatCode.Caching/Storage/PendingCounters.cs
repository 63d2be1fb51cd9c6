using Microsoft.Data.Sqlite;

namespace PatCode.Caching.Storage;

/// <summary>
/// Hit counts and statistics gathered between writes: a hit must not cost a write transaction, so they wait in
/// memory and go to the database with the next write (or the store's periodic flush).
/// </summary>
internal sealed class PendingCounters
{
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (long Hits, long LastHitMs)> _hits = [];

    public bool IsEmpty => _counters.Count == 0 && _hits.Count == 0;

    /// <summary>Adds <paramref name="delta"/> to one of the <see cref="StatNames"/> counters.</summary>
    public void Add(string counter, long delta)
    {
        if (delta != 0)
        {
            _counters[counter] = _counters.GetValueOrDefault(counter) + delta;
        }
    }

    /// <summary>Counts a hit on the entry with <paramref name="rowId"/> at <paramref name="atMs"/>.</summary>
    public void AddHit(long rowId, long atMs) =>
        _hits[rowId] = _hits.TryGetValue(rowId, out var pending) ? (pending.Hits + 1, atMs) : (1, atMs);

    /// <summary>Writes everything pending in <paramref name="transaction"/> and forgets it.</summary>
    public void Flush(SqliteStatements sql, SqliteTransaction transaction)
    {
        if (_hits.Count > 0)
        {
            var command = sql.Command(transaction, "UPDATE entries SET hits = hits + $hits, last_hit_ms = max(last_hit_ms, $at) WHERE id = $id");
            var hits = command.Parameters.Add("$hits", SqliteType.Integer);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (rowId, pending) in _hits)
            {
                hits.Value = pending.Hits;
                at.Value = pending.LastHitMs;
                id.Value = rowId;
                command.ExecuteNonQuery();
            }

            _hits.Clear();
        }

        if (_counters.Count > 0)
        {
            var command = sql.Command(transaction, "INSERT INTO stats(name, value) VALUES($name, $value) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value");
            var name = command.Parameters.Add("$name", SqliteType.Text);
            var value = command.Parameters.Add("$value", SqliteType.Integer);
            foreach (var (counter, delta) in _counters)
            {
                name.Value = counter;
                value.Value = delta;
                command.ExecuteNonQuery();
            }

            _counters.Clear();
        }
    }
}
