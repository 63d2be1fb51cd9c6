namespace PatCode.Telemetry;

/// <summary>
/// Names of the meters and activity sources the telemetry service listens to and exports; plugin meters are
/// named by <see cref="Core.Diagnostics.PluginMetricNames"/>.
/// </summary>
public static class TelemetryNames
{
    /// <summary>The source and meter name given to Microsoft.Extensions.AI's OpenTelemetry chat client (gen_ai.* metrics and spans).</summary>
    public const string GenAiSourceName = "PatCode.GenAI";

    /// <summary>The default source name Microsoft.Extensions.AI uses when none is given; listened to as well so nothing is missed.</summary>
    public const string MicrosoftExtensionsAiDefaultSource = "Experimental.Microsoft.Extensions.AI";

    /// <summary>Whether a meter or activity source belongs to PatCode (its own, a plugin's, or the GenAI client's).</summary>
    public static bool IsPatCodeSource(string name) =>
        name == Core.Diagnostics.PatCodeDiagnostics.Name
        || name.StartsWith(Core.Diagnostics.PatCodeDiagnostics.Name + ".", StringComparison.Ordinal)
        || name == MicrosoftExtensionsAiDefaultSource;
}
