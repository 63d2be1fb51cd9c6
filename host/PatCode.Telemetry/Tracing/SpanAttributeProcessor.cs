using System.Diagnostics;
using OpenTelemetry;

namespace PatCode.Telemetry.Tracing;

/// <summary>Cleans every finished span (<see cref="SpanAttributes.Clean"/>) before any exporter sees it.</summary>
internal sealed class SpanAttributeProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data) => SpanAttributes.Clean(data);
}
