namespace PatCode.Core.Plugins;

/// <summary>What the user decided about one plugin: enabled or not, and the hash of the files they trusted.</summary>
internal sealed record PluginState(bool Enabled, string? TrustedHash, string? TrustedFolder);
