using PatCode.Testing.Telemetry.Proto;

namespace PatCode.Testing.Telemetry;

/// <summary>One decoded span, its instrumentation scope, and its resource's attributes.</summary>
public sealed record ReceivedSpan(Span Span, string Scope, string ScopeVersion, IReadOnlyDictionary<string, object?> Resource)
{
    public string Name => Span.Name;

    public string SpanId => Convert.ToHexStringLower(Span.SpanId.Span);

    public string TraceId => Convert.ToHexStringLower(Span.TraceId.Span);

    /// <summary>The parent's span id, or <see langword="null"/> for a root span.</summary>
    public string? ParentSpanId => Span.ParentSpanId.IsEmpty ? null : Convert.ToHexStringLower(Span.ParentSpanId.Span);

    /// <summary>Attribute values as .NET values: string, bool, long, double, object?[] for arrays.</summary>
    public IReadOnlyDictionary<string, object?> Attributes { get; } = Telemetry.Attributes.Of(Span.Attributes);
}
