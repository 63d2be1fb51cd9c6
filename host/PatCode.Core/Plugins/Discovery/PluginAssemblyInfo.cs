using PatCode.Sdk;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>What a plugin assembly declares, read from its metadata without loading it.</summary>
internal sealed record PluginAssemblyInfo(string AssemblyName, Version? SdkVersion, IReadOnlyList<DeclaredPlugin> Plugins);
