namespace PatCode.Core.Plugins;

/// <summary>What the user decided about one plugin: enabled or not, and the hash of the files they trusted.</summary>
internal sealed record PluginState(bool Enabled, string? TrustedHash, string? TrustedFolder)
{
    /// <summary>Where the user chose the plugin runs (/plugins isolate); <see langword="null"/> takes the default for its folder.</summary>
    public PluginIsolation? Isolation { get; init; }

    /// <summary>Why the plugin is Faulted, kept across runs until the user enables it again.</summary>
    public string? Fault { get; init; }

    /// <summary>When its worker last crashed (the recent ones only), so crashes in separate runs add up.</summary>
    public IReadOnlyList<DateTimeOffset> Crashes { get; init; } = [];
}
