namespace PatCode.Core.Plugins.Trust;

/// <summary>
/// What the user decided about one plugin: enabled or not, and the hash of the files they trusted. New
/// fields go at the end with defaults, so older call sites and older plugins.json files keep working.
/// </summary>
internal sealed record PluginState(bool Enabled, string? TrustedHash = null, string? TrustedFolder = null)
{
    /// <summary>Where the user chose the plugin runs (/plugins isolate); <see langword="null"/> takes the default for its folder.</summary>
    public PluginIsolation? Isolation { get; init; }

    /// <summary>Why the plugin is Faulted, kept across runs until the user enables it again.</summary>
    public string? Fault { get; init; }

    /// <summary>When its worker last crashed (the recent ones only), so crashes in separate runs add up.</summary>
    public IReadOnlyList<DateTimeOffset> Crashes { get; init; } = [];

    // Value equality for the crash list too, so a state read back from plugins.json equals the one written.
    public bool Equals(PluginState? other) =>
        other is not null && Enabled == other.Enabled && TrustedHash == other.TrustedHash && TrustedFolder == other.TrustedFolder
        && Isolation == other.Isolation && Fault == other.Fault && Crashes.SequenceEqual(other.Crashes);

    public override int GetHashCode() => HashCode.Combine(Enabled, TrustedHash, TrustedFolder, Isolation, Fault, Crashes.Count);
}
