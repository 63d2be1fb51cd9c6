using System.Buffers.Binary;
using System.Text;

namespace PatCode.Core.Plugins.Crashes;

/// <summary>
/// Reads what earlier PatCode processes left in the run folder when they died: each one's
/// <see cref="InProcessCallMarker"/> names the in-process plugins whose code was running then, or that were
/// caught ending the process. A marker whose owner still lives is locked and left alone; a dead one's is read
/// once and removed, along with the verified plugin copies that process loaded from.
/// </summary>
internal static class CrashRecords
{
    public const string MarkerExtension = ".calls";
    public const string ImagesExtension = ".images";

    /// <summary>Collects the plugins to blame from dead processes' markers, and removes what those processes left.</summary>
    public static IReadOnlyList<InProcessCrash> Collect(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var crashes = new List<InProcessCrash>();
        foreach (var marker in Directory.EnumerateFiles(folder, "*" + MarkerExtension))
        {
            byte[] content;
            try
            {
                // An exclusive open succeeds only when no live process holds the file.
                using var file = new FileStream(marker, FileMode.Open, FileAccess.Read, FileShare.None);
                content = new byte[file.Length];
                file.ReadExactly(content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            crashes.AddRange(Read(content));
            TryDelete(() => File.Delete(marker));
            TryDelete(() => Directory.Delete(Path.ChangeExtension(marker, ImagesExtension), recursive: true));
        }

        foreach (var images in Directory.EnumerateDirectories(folder, "*" + ImagesExtension))
        {
            // A process creates its marker before any copy, so copies without a marker are a dead process's.
            if (!File.Exists(Path.ChangeExtension(images, MarkerExtension)))
            {
                TryDelete(() => Directory.Delete(images, recursive: true));
            }
        }

        return crashes;
    }

    internal static IEnumerable<InProcessCrash> Read(byte[] content)
    {
        if (content.Length < InProcessCallMarker.HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(content) != InProcessCallMarker.Magic)
        {
            yield break;
        }

        var pid = BinaryPrimitives.ReadInt32LittleEndian(content.AsSpan(4));
        for (var i = 0; i < InProcessCallMarker.SlotCount; i++)
        {
            var at = InProcessCallMarker.HeaderSize + (i * InProcessCallMarker.SlotSize);
            if (at + InProcessCallMarker.SlotSize > content.Length)
            {
                yield break;
            }

            var slot = content.AsSpan(at, InProcessCallMarker.SlotSize);
            var running = BinaryPrimitives.ReadInt32LittleEndian(slot);
            var blamed = BinaryPrimitives.ReadInt32LittleEndian(slot[4..]) != 0;
            var length = Math.Clamp(BinaryPrimitives.ReadInt32LittleEndian(slot[8..]), 0, InProcessCallMarker.NameBytes);
            if (length > 0 && (running > 0 || blamed))
            {
                yield return new InProcessCrash(Encoding.UTF8.GetString(slot.Slice(12, length)), pid, blamed);
            }
        }
    }

    private static void TryDelete(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another start may be removing it at the same moment; whatever is left goes next time.
        }
    }
}
