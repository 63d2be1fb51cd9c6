namespace PatCode.Plugins.GitHelper;

/// <summary>One commit as shown in the log.</summary>
internal sealed record GitCommitSummary(string ShortSha, string Author, DateTimeOffset When, string Subject);
