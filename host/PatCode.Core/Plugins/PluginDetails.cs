namespace PatCode.Core.Plugins;

/// <summary>What <c>/plugins info</c> shows beyond the listing row.</summary>
public sealed record PluginDetails(PluginEntry Entry, string? AssemblyPath, Version? SdkVersion, IReadOnlyList<string> Commands, IReadOnlyList<string> Notes);
