namespace PatCode.Cli.Tests.Docs;

/// <summary>docs/configuration.md promises every key and environment variable; `patcode config` is the truth.</summary>
public sealed class ConfigurationDocsTests
{
    [Test]
    public async Task EveryKeyAndEnvironmentVariable_IsDocumented()
    {
        using var home = new TempHome();
        var result = await home.RunAsync(["config"]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var docs = File.ReadAllText(Path.Combine(PatCodeProcess.RepoRoot, "docs", "configuration.md"));

        var rows = result.Stdout.Split('\n').Skip(2).Where(l => l.Length > 0).ToList();
        Assert.That(rows, Has.Count.GreaterThan(10));
        var missing = new List<string>();
        foreach (var row in rows)
        {
            var columns = row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var key = columns[0];
            var variables = row.Contains("  default  ", StringComparison.Ordinal) ? row[(row.IndexOf("  default  ", StringComparison.Ordinal) + 11)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
            missing.AddRange(new[] { key }.Concat(variables).Where(name => !docs.Contains($"`{name}`", StringComparison.Ordinal)));
        }

        Assert.That(missing, Is.Empty, "not in docs/configuration.md");
        Assert.That(docs, Does.Not.Contain("unconfirmed"), "the docs describe what the code does");
    }
}
