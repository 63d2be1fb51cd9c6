using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Counts a file's lines and tells binary files apart, reading raw bytes (no decoding).</summary>
internal static class FileContentStats
{
    /// <summary>Like git, a NUL byte in the first 8000 bytes makes a file binary.</summary>
    public const int BinaryProbeBytes = 8000;

    private const int BufferSize = 64 * 1024;

    /// <summary>The number of lines, or -1 for a binary file.</summary>
    public static long CountLines(string path)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
            long offset = 0;
            long lines = 0;
            var lastByte = (byte)'\n';
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(0, BufferSize), offset)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (offset < BinaryProbeBytes && chunk[..(int)Math.Min(read, BinaryProbeBytes - offset)].Contains((byte)0))
                {
                    return -1;
                }

                lines += chunk.Count((byte)'\n');
                lastByte = chunk[^1];
                offset += read;
            }

            // A last line without a newline is still a line.
            return offset > 0 && lastByte != (byte)'\n' ? lines + 1 : lines;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
