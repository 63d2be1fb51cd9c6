using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PatCode.Caching;
using PatCode.Caching.Writer;

// Usage: PatCode.Caching.Writer <database> <prefix> <count>
// Stores <count> answers and prints "committed <i>" after each store returns, so a parent that kills this process
// knows exactly which entries must survive.
if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: PatCode.Caching.Writer <database> <prefix> <count>");
    return 2;
}

var options = new CacheOptions { MaxEntries = 1_000_000 };
await using var cache = ResponseCacheFactory.Create(options, args[0], NullLoggerFactory.Instance, TimeProvider.System);
if (!cache.IsEnabled)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, cache.Warnings));
    return 1;
}

Console.Out.WriteLine("ready");
Console.Out.Flush();
for (var i = 0; i < count; i++)
{
    if (!await cache.SetAsync(WriterRequests.For(args[1], i), WriterRequests.Answer(args[1], i), outputTokens: 10, TimeSpan.FromMilliseconds(5)))
    {
        Console.Error.WriteLine($"store {i} failed");
        return 1;
    }

    Console.Out.WriteLine($"committed {i}");
    Console.Out.Flush();
}

Console.Out.WriteLine("done");
return 0;
