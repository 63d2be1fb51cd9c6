using PatCode.Core.Security;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace PatCode.Telemetry.Logging;

/// <summary>
/// A Serilog sink wrapper that masks secrets before the wrapped sink (a log file) sees the event: the
/// message template text, every string property (nested ones too; properties named like password/token
/// entirely) and the exception text. Wire it with <see cref="RedactingLoggerSinkConfigurationExtensions.Redacted"/>.
/// </summary>
public sealed class RedactingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private readonly MessageTemplateParser _parser = new();

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        inner.Emit(Redact(logEvent));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private LogEvent Redact(LogEvent logEvent)
    {
        var templateText = logEvent.MessageTemplate.Text;
        var redactedText = SecretRedactor.Redact(templateText);
        var template = string.Equals(redactedText, templateText, StringComparison.Ordinal) ? logEvent.MessageTemplate : _parser.Parse(redactedText);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, RedactValue(p.Key, p.Value)));
        var exception = logEvent.Exception is { } e && SecretRedactor.ContainsSecret(e.ToString())
            ? new RedactedException(e)
            : logEvent.Exception;
        return new LogEvent(logEvent.Timestamp, logEvent.Level, exception, template, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default);
    }

    private static LogEventPropertyValue RedactValue(string name, LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(SecretRedactor.RedactValue(name, text)),
        ScalarValue { Value: Uri uri } => new ScalarValue(SecretRedactor.RedactValue(name, uri.ToString())),
        ScalarValue scalar when scalar.Value is not null && SecretRedactor.IsSecretName(name) => new ScalarValue(SecretRedactor.Mask),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(e => RedactValue(name, e))),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, RedactValue(p.Name, p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(kv =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, RedactValue(Convert.ToString(kv.Key.Value, System.Globalization.CultureInfo.InvariantCulture) ?? name, kv.Value)))),
        _ => value,
    };
}
