namespace PatCode.Scripts.Tests.Support;

/// <summary>A PatCode state folder holding one of everything a backup must carry.</summary>
internal static class SampleState
{
    public const int CacheRows = 300;

    /// <summary>Writes config, plugin state, history, a user plugin and logs (not the cache database) into <paramref name="home"/>.</summary>
    public static void WriteFiles(string home)
    {
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "config.json"), """{ "ollama": { "host": "http://127.0.0.1:11434" }, "cache": { "ttlSeconds": 3600 } }""");
        File.WriteAllText(Path.Combine(home, "plugins.json"), """{ "plugins": { "HelloPlugin": { "enabled": true, "sha256": "ab12" } } }""");
        Directory.CreateDirectory(Path.Combine(home, "history"));
        File.WriteAllText(Path.Combine(home, "history", "2026-11-25.jsonl"), "{\"role\":\"user\",\"content\":\"rename a to b\"}\n");
        File.WriteAllText(Path.Combine(home, "history", "2026-11-24.jsonl"), "{\"role\":\"assistant\",\"content\":\"done\"}\n");
        var plugin = Path.Combine(home, "plugins", "HelloPlugin");
        Directory.CreateDirectory(Path.Combine(plugin, "runtimes"));
        File.WriteAllBytes(Path.Combine(plugin, "HelloPlugin.dll"), [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0xFF, 0x00]);
        File.WriteAllText(Path.Combine(plugin, "patcode-plugin.json"), """{ "name": "HelloPlugin", "assembly": "HelloPlugin.dll" }""");
        File.WriteAllText(Path.Combine(plugin, "runtimes", "note.txt"), "private dependency");
        Directory.CreateDirectory(Path.Combine(home, "logs"));
        File.WriteAllText(Path.Combine(home, "logs", "patcode-20261125.log"), "2026-11-25 INFO started\n");
    }

    /// <summary>Files a restore must reproduce byte for byte (the cache database is compared by its rows).</summary>
    public static bool IsComparedByContent(string relativePath) => !relativePath.StartsWith("cache.db", StringComparison.Ordinal);
}
