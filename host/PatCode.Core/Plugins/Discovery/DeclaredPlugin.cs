using PatCode.Sdk;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>One <c>[PatCodePlugin]</c> type found in an assembly's metadata.</summary>
internal sealed record DeclaredPlugin(string TypeName, PluginMetadata Metadata);
