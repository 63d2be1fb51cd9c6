using System.IO.Hashing;
using System.Text;
using System.Text.RegularExpressions;

namespace PatCode.Caching.Keys;

/// <summary>
/// Finds text that looks like a secret: private keys, bearer tokens, passwords in URLs, well-known API key shapes and
/// <c>password=…</c>-style assignments. Prompts are only ever stored hashed, and a secret becomes a placeholder plus a
/// one-way hash before shingling; answers that contain one are not cached at all.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Placeholder = "\u0002secret";

    public static bool ContainsSecret(string text) => text.Length > 0 && SecretPattern().IsMatch(text);

    /// <summary>Replaces each secret with <see cref="Placeholder"/> and adds a one-way hash of it to <paramref name="fingerprints"/>.</summary>
    public static string Redact(string text, List<ulong> fingerprints)
    {
        if (!SecretPattern().IsMatch(text))
        {
            return text;
        }

        return SecretPattern().Replace(text, match =>
        {
            fingerprints.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(match.Value)));
            return " " + Placeholder + " ";
        });
    }

    [GeneratedRegex(
        @"-----BEGIN[A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END[A-Z ]*PRIVATE KEY-----|$)" +
        @"|\b[Bb]earer\s+[A-Za-z0-9\-._~+/]{8,}=*" +
        @"|\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s:/@]+:[^\s@/]+@" +
        @"|\b(?:sk|pk|rk)-[A-Za-z0-9_\-]{16,}" +
        @"|\bgh[pousr]_[A-Za-z0-9]{20,}" +
        @"|\bgithub_pat_[A-Za-z0-9_]{20,}" +
        @"|\bAKIA[0-9A-Z]{16}\b" +
        @"|\bxox[abprs]-[A-Za-z0-9\-]{10,}" +
        @"|\bAIza[0-9A-Za-z_\-]{35}" +
        @"|\beyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}" +
        @"|(?i:\b(?:api[_-]?key|secret|token|password|passwd|pwd|access[_-]?key)\b\s*[:=]\s*[""']?[^\s""']{4,})",
        RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();
}
