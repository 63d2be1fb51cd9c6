using System.Diagnostics;
using OpenTelemetry;
using PatCode.Core.Security;

namespace PatCode.Telemetry.Tracing;

/// <summary>Masks secret-looking span names, tag values and status text before any exporter sees the span.</summary>
internal sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        List<KeyValuePair<string, string>>? changes = null;
        foreach (var (key, value) in data.TagObjects)
        {
            if (value is string text)
            {
                var redacted = SecretRedactor.RedactValue(key, text);
                if (!ReferenceEquals(redacted, text) && !string.Equals(redacted, text, StringComparison.Ordinal))
                {
                    (changes ??= []).Add(new(key, redacted));
                }
            }
        }

        if (changes is not null)
        {
            foreach (var (key, redacted) in changes)
            {
                data.SetTag(key, redacted);
            }
        }

        if (SecretRedactor.ContainsSecret(data.DisplayName))
        {
            data.DisplayName = SecretRedactor.Redact(data.DisplayName);
        }

        if (data.Status == ActivityStatusCode.Error && SecretRedactor.ContainsSecret(data.StatusDescription))
        {
            data.SetStatus(ActivityStatusCode.Error, SecretRedactor.Redact(data.StatusDescription));
        }
    }
}
