using System.Text.RegularExpressions;

namespace PatCode.Telemetry.Redaction;

/// <summary>
/// Replaces values that look like secrets with <c>[REDACTED]</c>: provider API keys (sk-…, ghp_…, AKIA…,
/// xox…, AIza…, glpat-…, hf_…), JWTs, bearer and basic credentials, passwords in URLs (user:pass@host),
/// PEM private keys, and values assigned to names such as password, secret, token, api_key or access_key
/// (<c>key=value</c>, <c>key: value</c>, JSON <c>"key": "value"</c>). Applied to telemetry events, span
/// tags, export files and, through <see cref="Logging.RedactingSink"/>, log files.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>Returns <paramref name="text"/> with anything that looks like a secret masked.</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = PrivateKeyBlock().Replace(text, "[REDACTED PRIVATE KEY]");
        result = UrlCredentials().Replace(result, "${scheme}${user}:" + Mask + "@");
        result = BearerCredentials().Replace(result, "${scheme} " + Mask);
        result = KnownTokenFormats().Replace(result, Mask);
        result = NamedSecretAssignment().Replace(result, MaskAssignedValue);
        return result;
    }

    /// <summary>
    /// Redacts one named value: the whole value when the name itself says it is a secret (e.g. <c>api_key</c>),
    /// otherwise whatever inside it looks like one.
    /// </summary>
    public static string RedactValue(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        return IsSecretName(name) ? Mask : Redact(value);
    }

    /// <summary>Whether a property, header or variable name denotes a secret (password, token, api_key…).</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name);

    /// <summary>Whether <paramref name="text"/> holds something <see cref="Redact"/> would mask.</summary>
    public static bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && !string.Equals(Redact(text), text, StringComparison.Ordinal);

    private static string MaskAssignedValue(Match match)
    {
        var value = match.Groups["value"].Value;
        var quote = value.Length > 1 && value[0] is '"' or '\'' ? value[0].ToString() : "";
        return match.Groups["name"].Value + match.Groups["sep"].Value + quote + Mask + quote;
    }

    private const string SecretWords = @"password|passwd|pwd|passphrase|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth[_\-]?key|credentials?";

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^\s/?#@:]*):(?<pass>[^\s/?#@]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    [GeneratedRegex(@"(?<scheme>\b[Bb]earer|(?i:authorization)\s*[:=]\s*[""']?[Bb]asic)\s+[A-Za-z0-9\-._~+/]{8,}=*", RegexOptions.CultureInvariant)]
    private static partial Regex BearerCredentials();

    [GeneratedRegex(
        @"\bsk-(?:proj-|ant-(?:api\d+-)?)?[A-Za-z0-9_\-]{16,}" +
        @"|\bgh[pousr]_[A-Za-z0-9]{20,}" +
        @"|\bgithub_pat_[A-Za-z0-9_]{20,}" +
        @"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b" +
        @"|\bxox[abposr]-[A-Za-z0-9\-]{10,}" +
        @"|\bAIza[0-9A-Za-z_\-]{35}" +
        @"|\bglpat-[A-Za-z0-9_\-]{20,}" +
        @"|\bhf_[A-Za-z0-9]{30,}" +
        @"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
        RegexOptions.CultureInvariant)]
    private static partial Regex KnownTokenFormats();

    [GeneratedRegex(
        @"(?<name>\b[A-Za-z0-9_.\-]*(?:" + SecretWords + @"))\b(?<sep>[""']?[ \t]*[:=][ \t]*)(?<value>""[^""\r\n]*""|'[^'\r\n]*'|[^\s""'&,;{}]+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedSecretAssignment();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]*(?:" + SecretWords + ")$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
