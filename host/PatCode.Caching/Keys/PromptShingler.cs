using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using PatCode.Core.Security;

namespace PatCode.Caching.Keys;

/// <summary>
/// Turns a prompt into word-pair shingles. Pairs keep word order, so "rename a to b" and "rename b to a" share no
/// shingle. Numbers, code blocks and secrets are pulled out into an anchor hash that must match exactly, because a
/// near-duplicate question about a different number or different code needs a different answer.
/// </summary>
internal static partial class PromptShingler
{
    private const string CodePlaceholder = "\u0001code";
    private const string SecretPlaceholder = "\u0002secret";

    public static PromptShingles Analyze(string prompt)
    {
        var anchors = new List<ulong>();
        var withoutCode = CodePattern().Replace(prompt, match =>
        {
            anchors.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(match.Value)));
            return " " + CodePlaceholder + " ";
        });
        // A secret becomes a one-way anchor: prompts that differ only in the secret must not match.
        var redacted = SecretRedactor.Replace(withoutCode, (secret, _) =>
        {
            anchors.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(secret)));
            return " " + SecretPlaceholder + " ";
        });

        var words = new List<string>();
        foreach (var match in WordPattern().EnumerateMatches(redacted))
        {
            var word = redacted.Substring(match.Index, match.Length).ToLowerInvariant();
            if (word.AsSpan().IndexOfAnyInRange('0', '9') >= 0)
            {
                anchors.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(word)));
            }

            words.Add(word);
        }

        var shingles = new HashSet<ulong>();
        if (words.Count == 1)
        {
            shingles.Add(HashWord(words[0], ""));
        }

        for (var i = 1; i < words.Count; i++)
        {
            shingles.Add(HashWord(words[i - 1], words[i]));
        }

        var sorted = shingles.ToArray();
        Array.Sort(sorted);
        var anchorBytes = MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(anchors));
        return new PromptShingles(sorted, anchors.Count == 0 ? 0 : XxHash3.HashToUInt64(anchorBytes));
    }

    private static ulong HashWord(string first, string second)
    {
        var text = first + "\u0000" + second;
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
    }

    // Fenced blocks (closed or running to the end) and inline `code`.
    [GeneratedRegex(@"```[\s\S]*?(```|$)|`[^`\n]+`", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"[\p{L}\p{N}_\u0001\u0002][\p{L}\p{N}_'.\-]*[\p{L}\p{N}_]|[\p{L}\p{N}_]", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
