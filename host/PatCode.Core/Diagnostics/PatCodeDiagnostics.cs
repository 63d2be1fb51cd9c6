using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PatCode.Core.Diagnostics;

/// <summary>
/// The host's one ActivitySource and Meter, both named "PatCode". Features record on them directly (they
/// are BCL types), and the telemetry service listens; with no listener attached they cost almost nothing.
/// </summary>
public static class PatCodeDiagnostics
{
    public const string Name = "PatCode";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);
}
