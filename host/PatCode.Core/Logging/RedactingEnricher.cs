using Serilog.Core;
using Serilog.Events;

namespace PatCode.Core.Logging;

/// <summary>Redacts secrets from string properties before an event reaches the log file.</summary>
internal sealed class RedactingEnricher(Func<string, string> redact) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text })
            {
                var redacted = redact(text);
                if (!ReferenceEquals(redacted, text) && redacted != text)
                {
                    logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
                }
            }
        }
    }
}
