using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PatCode.Caching.Storage;

/// <summary>The SQLite store's commands, each kept for reuse, so SQLite prepares a statement once rather than on every write.</summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, in <paramref name="transaction"/>, with no parameters yet.</summary>
    public SqliteCommand Command(SqliteTransaction? transaction, string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public long Execute(SqliteTransaction? transaction, string sql) => Command(transaction, sql).ExecuteNonQuery();

    public object? Scalar(SqliteTransaction? transaction, string sql) => Command(transaction, sql).ExecuteScalar();

    public long ScalarInt64(SqliteTransaction? transaction, string sql) => Convert.ToInt64(Scalar(transaction, sql), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
