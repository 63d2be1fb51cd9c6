using System.Diagnostics;

namespace PatCode.Scripts.Tests.Support;

/// <summary>
/// A python3 process that creates a SQLite database in WAL mode, commits rows with automatic checkpoints off,
/// and keeps its connection open until disposed. While it runs, the committed rows live only in the -wal file,
/// so a plain copy of the database file would not hold them: exactly the live state a backup must handle.
/// </summary>
internal sealed class WalDatabaseWriter : IDisposable
{
    private const string Script = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA wal_autocheckpoint=0")
        connection.execute("CREATE TABLE entries(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        for i in range(int(sys.argv[2])):
            connection.execute("INSERT INTO entries VALUES(?, ?)", ("key-%d" % i, "value-%d-" % i + "x" * 200))
        print("ready", flush=True)
        sys.stdin.readline()
        connection.close()
        """;

    private readonly Process _process;

    public WalDatabaseWriter(string databasePath, int rows)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(databasePath);
        start.ArgumentList.Add(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start python3.");

        var ready = _process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(60)) || ready.Result != "ready")
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The WAL writer did not get ready: {_process.StandardError.ReadToEnd()}");
        }
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine();
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
