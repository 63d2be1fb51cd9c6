using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace PatCode.Core.Security;

/// <summary>
/// The one place PatCode recognises secrets, used by the logs, the telemetry events and exports, the response
/// cache (which refuses to store them) and error messages. It finds private key blocks (PEM, PGP), credentials in
/// URLs, Bearer/Basic/Authorization credentials, well-known token shapes (AWS, GitHub, GitLab, Slack, Stripe,
/// OpenAI/Anthropic, Hugging Face, npm, PyPI, Google, JWT), Azure account keys and SAS signatures, and values
/// assigned to secret-looking names (<c>DB_PASSWORD=…</c>, <c>api_key: …</c>, JSON <c>"token": "…"</c>).
/// Only the secret itself is masked, so the text around it stays readable (and JSON stays valid).
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "[REDACTED]";
    public const string PrivateKeyMask = "[REDACTED PRIVATE KEY]";

    /// <summary>What a credential in a connection setting is shown as (<see cref="MaskConnection"/>).</summary>
    public const string ConnectionMask = "***";

    private const string SecretWords =
        @"password|passwd|pwd|passphrase|secret|token|api[_\-]?key|access[_\-]?key|private[_\-]?key|auth[_\-]?key|client[_\-]?secret|credentials?";

    /// <summary>Returns <paramref name="text"/> with every secret masked.</summary>
    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : Replace(text, static (_, span) => span.IsPrivateKey ? PrivateKeyMask : Mask);

    /// <summary>
    /// Replaces every secret with what <paramref name="replacement"/> returns for it (given the secret's text), for
    /// callers that need more than a mask, such as the cache turning secrets into one-way fingerprints.
    /// </summary>
    public static string Replace(string text, Func<string, SecretSpan, string> replacement)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = Find(text);
        if (spans.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        foreach (var span in spans)
        {
            result.Append(text, at, span.Start - at).Append(replacement(text.Substring(span.Start, span.Length), span));
            at = span.End;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>
    /// A connection setting (the Ollama host, an OTLP endpoint, a Redis configuration string) as shown to the
    /// user: a URL's user information, with or without a scheme (<c>user:password@host</c>), becomes
    /// <c>***@</c>, and any other secret in it (<c>password=…</c>, a token) <c>***</c>. Where it points stays.
    /// </summary>
    public static string MaskConnection(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        var masked = Replace(value, static (_, _) => ConnectionMask);
        return ConnectionUserInfo().Replace(masked, "${scheme}" + ConnectionMask + "@", 1);
    }

    /// <summary>Whether <paramref name="text"/> holds anything that looks like a secret.</summary>
    public static bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && Find(text).Count > 0;

    /// <summary>
    /// Redacts one named value: the whole value when the name itself says it is a secret (<c>api_key</c>,
    /// <c>X-Api-Key</c>), otherwise whatever inside it looks like one.
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

    /// <summary>The secrets in <paramref name="text"/>, in order, overlapping finds merged.</summary>
    public static IReadOnlyList<SecretSpan> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<SecretSpan>();
        Collect(found, PrivateKeyBlock(), text, isPrivateKey: true);
        // A URL's credentials come after its scheme's "://"; looking for that first skips a search from every word.
        if (text.Contains("://", StringComparison.Ordinal))
        {
            Collect(found, UrlCredentials(), text);
        }

        Collect(found, AuthorizationCredentials(), text);
        Collect(found, BasicCredentials(), text, validate: LooksLikeBasicCredentials);
        Collect(found, KnownTokenFormats(), text);
        Collect(found, AzureKeys(), text);
        if (SecretWord().IsMatch(text))
        {
            Collect(found, NamedSecretAssignment(), text);
        }

        return found.Count <= 1 ? found : Merge(found);
    }

    private static void Collect(List<SecretSpan> found, Regex pattern, string text, bool isPrivateKey = false, Func<string, bool>? validate = null)
    {
        for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
        {
            var secret = match.Groups["secret"] is { Success: true } group ? group : (Group)match;
            var (start, length) = (secret.Index, secret.Length);
            if (length > 1 && text[start] is '"' or '\'' && text[start + length - 1] == text[start])
            {
                // A quoted value: mask inside the quotes so JSON and YAML stay valid.
                (start, length) = (start + 1, length - 2);
            }

            if (length > 0 && (validate is null || validate(text.Substring(start, length))))
            {
                found.Add(new SecretSpan(start, length, isPrivateKey));
            }
        }
    }

    private static List<SecretSpan> Merge(List<SecretSpan> spans)
    {
        spans.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<SecretSpan>(spans.Count) { spans[0] };
        foreach (var span in spans.Skip(1))
        {
            var last = merged[^1];
            if (span.Start < last.End)
            {
                var end = Math.Max(last.End, span.End);
                merged[^1] = new SecretSpan(last.Start, end - last.Start, last.IsPrivateKey || span.IsPrivateKey);
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    // "Basic" is an English word: only a token that decodes to "user:password" counts.
    private static bool LooksLikeBasicCredentials(string token)
    {
        var bytes = Encoding.ASCII.GetBytes(token);
        var decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(bytes.Length)];
        return Base64.DecodeFromUtf8(bytes, decoded, out _, out var written) == System.Buffers.OperationStatus.Done
            && written > 2
            && decoded.AsSpan(0, written).IndexOf((byte)':') > 0;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|\z)", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]*:(?<secret>[^\s/?#@]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlCredentials();

    // Bearer tokens anywhere, and whatever follows an Authorization header's scheme.
    [GeneratedRegex(
        @"(?i:\bbearer)\s+(?<secret>[A-Za-z0-9\-._~+/]{8,}=*)" +
        @"|(?i:\b(?:proxy-)?authorization)[""']?\s*[:=]\s*[""']?(?:(?i:basic|bearer|token|digest|negotiate)\s+)?(?<secret>[A-Za-z0-9\-._~+/]{8,}=*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationCredentials();

    [GeneratedRegex(@"(?i:\bbasic)\s+(?<secret>[A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant)]
    private static partial Regex BasicCredentials();

    [GeneratedRegex(
        @"\bsk-(?:proj-|ant-(?:api\d+-)?)?[A-Za-z0-9_\-]{16,}" +
        @"|\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}" +
        @"|\bgh[pousr]_[A-Za-z0-9]{20,}" +
        @"|\bgithub_pat_[A-Za-z0-9_]{20,}" +
        @"|\bglpat-[A-Za-z0-9_\-]{20,}" +
        @"|\bxox[a-z]-[A-Za-z0-9\-]{10,}" +
        @"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b" +
        @"|\bhf_[A-Za-z0-9]{30,}" +
        @"|\bnpm_[A-Za-z0-9]{36}\b" +
        @"|\bpypi-[A-Za-z0-9_\-]{50,}" +
        @"|\bAIza[0-9A-Za-z_\-]{35}" +
        @"|\bya29\.[0-9A-Za-z_\-]{20,}" +
        @"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}",
        RegexOptions.CultureInvariant)]
    private static partial Regex KnownTokenFormats();

    [GeneratedRegex(
        @"(?i:\b(?:AccountKey|SharedAccessKey)=)(?<secret>[A-Za-z0-9+/]{20,}={0,2})" +
        @"|(?i:\bSharedAccessSignature[=\s]+)(?<secret>[^\s;""']+)" +
        @"|[?&]sig=(?<secret>[A-Za-z0-9%+/=]{20,})",
        RegexOptions.CultureInvariant)]
    private static partial Regex AzureKeys();

    [GeneratedRegex(
        @"(?<name>\b[A-Za-z0-9_.\-]*(?:" + SecretWords + @"))\b[""']?[ \t]*[:=][ \t]*(?<secret>""[^""\r\n]*""|'[^'\r\n]*'|[^\s""'&,;{}]+)",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NamedSecretAssignment();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]*(?:" + SecretWords + ")$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // Every secret word holds one of these, under the same case rules, so a text without any cannot match
    // NamedSecretAssignment; this check is ~20 times faster than that pattern's search from every word start.
    [GeneratedRegex("pass|pwd|secret|token|key|credential", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretWord();

    // Everything before the authority's last '@' (a password may hold an unencoded '@'), scheme optional.
    [GeneratedRegex(@"^(?<scheme>\s*[A-Za-z][A-Za-z0-9+.\-]*://)?[^/?#\s,]*@", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionUserInfo();
}
