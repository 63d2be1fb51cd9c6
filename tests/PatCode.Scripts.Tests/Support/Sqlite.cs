namespace PatCode.Scripts.Tests.Support;

/// <summary>Reads SQLite databases through python3's sqlite3 module, the way an independent tool would.</summary>
internal static class Sqlite
{
    /// <summary>The result of PRAGMA integrity_check: "ok" for a sound database.</summary>
    public static string IntegrityCheck(string databasePath) =>
        Query(databasePath, "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(chr(10).join(r[0] for r in c.execute('PRAGMA integrity_check')))");

    /// <summary>Every row of the writer's table, one "key=value" line each, in key order.</summary>
    public static string[] Rows(string databasePath) =>
        Query(databasePath, "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(chr(10).join(k+'='+v for k,v in c.execute('SELECT key, value FROM entries ORDER BY key')))")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Query(string databasePath, string script)
    {
        var result = ProcessRunner.Run("python3", ["-c", script, databasePath]);
        Assert.That(result.ExitCode, Is.Zero, $"python3 could not read {databasePath}: {result}");
        return result.StandardOutput.Trim();
    }
}
