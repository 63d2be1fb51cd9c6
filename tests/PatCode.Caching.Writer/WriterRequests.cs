using System.Globalization;
using PatCode.Caching;

namespace PatCode.Caching.Writer;

/// <summary>The requests the writer stores; the tests build the same ones to check what survived.</summary>
public static class WriterRequests
{
    public static ChatCacheRequest For(string prefix, int i) => new()
    {
        Model = "writer-model",
        Messages = [new CacheMessage("user", string.Create(CultureInfo.InvariantCulture, $"{prefix} question number {i} about the crash test"))],
    };

    public static string Answer(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix} answer {i}");
}
