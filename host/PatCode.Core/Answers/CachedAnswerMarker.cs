namespace PatCode.Core.Answers;

/// <summary>
/// How an answer replayed from the response cache says so: its updates' <c>AdditionalProperties</c> carry
/// <see cref="Property"/> with <see cref="Exact"/> or <see cref="Near"/>. The cache middleware sets it; the chat reads it.
/// </summary>
public static class CachedAnswerMarker
{
    public const string Property = "patcode.cache";

    public const string Exact = "exact";

    public const string Near = "near";
}
