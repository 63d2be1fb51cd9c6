using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using PatCode.Caching.Similarity;
using PatCode.Core.Security;

namespace PatCode.Caching.Keys;

/// <summary>
/// Builds canonical, versioned keys. Every field is written length-prefixed in a fixed order, so no two different
/// requests produce the same bytes; bump <see cref="Version"/> whenever the layout or the shingling changes.
/// </summary>
internal static class CacheKeyBuilder
{
    public const string Version = "patcode-cache/v1";
    public const string ChatPartition = "chat";

    public static CacheKey ForChat(ChatCacheRequest request, bool withNear)
    {
        var writer = new ArrayBufferWriter<byte>(1024);
        Write(writer, Version);
        Write(writer, ChatPartition);
        Write(writer, request.Model);
        Write(writer, request.ModelDigest);
        Write(writer, request.Temperature?.ToString("R", CultureInfo.InvariantCulture));
        Write(writer, request.Seed?.ToString(CultureInfo.InvariantCulture));
        Write(writer, request.ContextLength?.ToString(CultureInfo.InvariantCulture));
        Write(writer, request.Format);

        var promptIndex = LastUserMessage(request.Messages);
        for (var i = 0; i < request.Messages.Count; i++)
        {
            if (i != promptIndex)
            {
                Write(writer, request.Messages[i].Role);
                Write(writer, request.Messages[i].Text);
            }
        }

        // The context (everything but the prompt) is hashed on its own to scope near hits.
        var contextLength = writer.WrittenCount;
        Write(writer, "prompt");
        if (promptIndex >= 0)
        {
            Write(writer, promptIndex.ToString(CultureInfo.InvariantCulture));
            Write(writer, request.Messages[promptIndex].Text);
        }

        var hash = KeyHash.FromBytes(Sha256.HashData(writer.WrittenSpan));
        if (!withNear || promptIndex < 0)
        {
            return new CacheKey(ChatPartition, hash);
        }

        var contextHash = XxHash3.HashToUInt64(writer.WrittenSpan[..contextLength]);
        var prompt = request.Messages[promptIndex].Text;
        return new CacheKey(ChatPartition, hash, () => NearKeyFor(prompt, contextHash, promptIndex));
    }

    private static NearKey NearKeyFor(string promptText, ulong contextHash, int promptIndex)
    {
        var prompt = PromptShingler.Analyze(promptText);
        if (prompt.Shingles.Length == 0)
        {
            return NearKey.None;
        }

        var scope = MinHasher.Mix(contextHash ^ MinHasher.Mix(prompt.Anchors + (ulong)promptIndex));
        return new NearKey(scope, prompt.Shingles, MinHasher.BandKeys(scope, prompt.Shingles));
    }

    /// <summary>A plugin's key: exact only, in the plugin's own partition; the key text is never stored, only its hash.</summary>
    public static CacheKey ForPlugin(string partition, string key)
    {
        var writer = new ArrayBufferWriter<byte>(256);
        Write(writer, Version);
        Write(writer, partition);
        Write(writer, key);
        return new CacheKey(partition, KeyHash.FromBytes(Sha256.HashData(writer.WrittenSpan)));
    }

    private static int LastUserMessage(IReadOnlyList<CacheMessage> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (string.Equals(messages[i].Role, "user", StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Write(ArrayBufferWriter<byte> writer, string? value)
    {
        // -1 marks null, so null and "" differ.
        var length = value is null ? -1 : Encoding.UTF8.GetByteCount(value);
        var prefix = writer.GetSpan(4);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(prefix, length);
        writer.Advance(4);
        if (length > 0)
        {
            var span = writer.GetSpan(length);
            Encoding.UTF8.GetBytes(value, span);
            writer.Advance(length);
        }
    }
}
