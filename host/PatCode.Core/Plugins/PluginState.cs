namespace PatCode.Core.Plugins;

/// <summary>
/// What the user decided about one plugin: enabled or not, and the hash of the files they trusted. New
/// fields go at the end with defaults, so older call sites and older plugins.json files keep working.
/// </summary>
internal sealed record PluginState(bool Enabled, string? TrustedHash = null, string? TrustedFolder = null);
