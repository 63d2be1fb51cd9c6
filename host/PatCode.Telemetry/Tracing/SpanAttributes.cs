using System.Diagnostics;
using PatCode.Core.Security;

namespace PatCode.Telemetry.Tracing;

/// <summary>
/// What every finished span goes through before it is kept in memory or exported: secret-looking span names,
/// attribute values and status text are masked (captured prompts and answers included), and attributes the
/// GenAI conventions type as arrays become arrays. Safe to run twice on the same span.
/// </summary>
internal static class SpanAttributes
{
    public const string FinishReasons = "gen_ai.response.finish_reasons";

    public static void Clean(Activity activity)
    {
        List<KeyValuePair<string, object?>>? changes = null;
        foreach (var (key, value) in activity.TagObjects)
        {
            if (value is not string text)
            {
                continue;
            }

            // Microsoft.Extensions.AI writes the finish reasons as one string, '["stop"]'; the conventions (and
            // backends that filter on them) want a string array.
            if (key == FinishReasons)
            {
                (changes ??= []).Add(new(key, ParseList(text)));
                continue;
            }

            var redacted = SecretRedactor.RedactValue(key, text);
            if (!string.Equals(redacted, text, StringComparison.Ordinal))
            {
                (changes ??= []).Add(new(key, redacted));
            }
        }

        if (changes is not null)
        {
            foreach (var (key, value) in changes)
            {
                activity.SetTag(key, value);
            }
        }

        if (SecretRedactor.ContainsSecret(activity.DisplayName))
        {
            activity.DisplayName = SecretRedactor.Redact(activity.DisplayName);
        }

        if (activity.Status == ActivityStatusCode.Error && SecretRedactor.ContainsSecret(activity.StatusDescription))
        {
            activity.SetStatus(ActivityStatusCode.Error, SecretRedactor.Redact(activity.StatusDescription));
        }
    }

    /// <summary>'["stop","length"]', '[stop]' or 'stop' → ["stop", "length"].</summary>
    internal static string[] ParseList(string text) =>
        text.Trim().TrimStart('[').TrimEnd(']')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.Trim('"'))
            .Where(item => item.Length > 0)
            .ToArray();
}
