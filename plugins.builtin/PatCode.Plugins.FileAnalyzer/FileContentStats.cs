using System.Buffers;
using PatCode.Core.IO;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Counts a file's lines and tells binary files apart, reading raw bytes (no decoding).</summary>
internal static class FileContentStats
{
    /// <summary>Like git, a NUL byte in the first 8000 bytes makes a file binary.</summary>
    public const int BinaryProbeBytes = 8000;

    /// <summary>What <see cref="CountLines"/> returns for a binary file.</summary>
    public const long Binary = -1;

    /// <summary>What <see cref="CountLines"/> returns for a file that turned out larger than the cap while being read.</summary>
    public const long OverCap = -2;

    private const int BufferSize = 64 * 1024;

    /// <summary>
    /// The number of lines, <see cref="Binary"/>, or <see cref="OverCap"/> once more than <paramref name="maxBytes"/>
    /// bytes were read, whatever size the file system reported. Only a regular file is opened.
    /// </summary>
    public static long CountLines(string path, long maxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = RegularFile.OpenRead(path);
            long offset = 0;
            long lines = 0;
            var lastByte = (byte)'\n';
            int read;
            while ((read = stream.Read(buffer, 0, (int)Math.Min(BufferSize, maxBytes + 1 - offset))) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                if (offset < BinaryProbeBytes && chunk[..(int)Math.Min(read, BinaryProbeBytes - offset)].Contains((byte)0))
                {
                    return Binary;
                }

                offset += read;
                if (offset > maxBytes)
                {
                    return OverCap;
                }

                lines += chunk.Count((byte)'\n');
                lastByte = chunk[^1];
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
