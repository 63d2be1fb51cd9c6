namespace PatCode.Core.Plugins;

/// <summary>What <c>/plugins info</c> shows beyond the listing row; <paramref name="RunsAs"/> says where it runs, with the worker's pid when it has one.</summary>
public sealed record PluginDetails(PluginEntry Entry, string? AssemblyPath, Version? SdkVersion, IReadOnlyList<string> Commands, IReadOnlyList<string> Notes, string RunsAs);
