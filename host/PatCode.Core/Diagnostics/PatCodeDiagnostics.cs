using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace PatCode.Core.Diagnostics;

/// <summary>
/// The host's one ActivitySource and Meter, both named "PatCode" and versioned like the host. Features
/// record on them directly (they are BCL types), and the telemetry service listens; with no listener
/// attached they cost almost nothing.
/// </summary>
public static class PatCodeDiagnostics
{
    public const string Name = "PatCode";

    // PatCode's own span attributes are namespaced; metric labels stay short (plugin, outcome, model).
    public const string ModelTag = "patcode.model";
    public const string OutcomeTag = "patcode.outcome";
    public const string PluginTag = "patcode.plugin";

    /// <summary>
    /// The host's version as <c>patcode --version</c> prints it (e.g. <c>1.0.0+abc123</c>): every host
    /// assembly is built with the same version (host/Directory.Build.props).
    /// </summary>
    public static string Version { get; } =
        typeof(PatCodeDiagnostics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(PatCodeDiagnostics).Assembly.GetName().Version?.ToString(3)
        ?? "0.0.0";

    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);
}
