namespace PatCode.Core.Answers;

/// <summary>
/// A cheap token estimate: about four characters per token for English and code, plus a few tokens per
/// message for the chat template. Erring high is fine; it only makes the fit a little conservative.
/// </summary>
public static class TokenEstimator
{
    public const int PerMessageOverhead = 4;

    public static int Estimate(string text) => (text.Length + 3) / 4;

    public static int EstimateMessage(string text) => Estimate(text) + PerMessageOverhead;

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="tokens"/>.</summary>
    public static string Cut(string text, int tokens) => tokens <= 0 ? "" : text.Length <= tokens * 4 ? text : text[..(tokens * 4)];
}
