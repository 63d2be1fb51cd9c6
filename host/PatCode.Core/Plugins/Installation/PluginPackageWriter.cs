using System.Globalization;
using System.IO.Hashing;
using PatCode.Core.IO;

namespace PatCode.Core.Plugins.Installation;

/// <summary>
/// Writes a package's files into the staging folder, user-only, counting entries and bytes as they are
/// written and refusing before a write would go past a <see cref="PluginInstallLimits"/> limit.
/// </summary>
internal sealed class PluginPackageWriter(string source, PluginInstallLimits limits)
{
    private long _bytes;
    private int _entries;

    public void CreateDirectory(string path)
    {
        Count();
        CreatePrivate(path);
    }

    /// <summary>Creates the folders above <paramref name="path"/> that an archive implies without listing them.</summary>
    public static void CreateParent(string path) => CreatePrivate(Path.GetDirectoryName(path)!);

    private static void CreatePrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UserOnly.Folder);
        }
    }

    /// <summary>Copies <paramref name="input"/> to a new file at <paramref name="path"/>.</summary>
    /// <param name="name">The file as the user knows it, for messages.</param>
    /// <param name="executable">Keeps the owner's execute bit, for scripts and tools a plugin runs.</param>
    /// <param name="packed">Its size inside an archive, to refuse a file that expands too far, and the archive's checksum of
    /// it, to refuse one whose headers lie about its size; null for plain copies.</param>
    public void WriteFile(string path, Stream input, string name, bool executable, (long Bytes, uint Crc32)? packed = null)
    {
        Count();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable ? UserOnly.Folder : UserOnly.File;
        }

        using var output = new FileStream(path, options);
        var crc = new Crc32();
        var buffer = new byte[81920];
        long written = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            written += read;
            if (_bytes + read > limits.MaxUnpackedBytes)
            {
                throw new PluginPackageException($"{source} unpacks to more than {Megabytes(limits.MaxUnpackedBytes)}, the limit (plugins.maxUnpackedBytes): refused; raise the limit only for a package you trust");
            }

            if (packed is { } p && written > limits.RatioExemptBytes && written > p.Bytes * limits.MaxCompressionRatio)
            {
                throw new PluginPackageException($"{source}: {name} expands more than {limits.MaxCompressionRatio} times its packed size, like a zip bomb: refused");
            }

            _bytes += read;
            crc.Append(buffer.AsSpan(0, read));
            output.Write(buffer, 0, read);
        }

        // The runtime stops reading where the headers say a file ends; a bomb that claims to be small ends up cut short, and this notices.
        if (packed is { } expected && crc.GetCurrentHashAsUInt32() != expected.Crc32)
        {
            throw new PluginPackageException($"{source} is damaged or forged: {name} does not match its checksum: refused");
        }
    }

    /// <summary>Refuses up front when an archive's own headers already claim more than the limit; their smaller claims are never trusted.</summary>
    public void CheckDeclared(int entries, long bytes)
    {
        if (entries > limits.MaxEntries)
        {
            throw TooManyEntries();
        }

        if (bytes > limits.MaxUnpackedBytes)
        {
            throw new PluginPackageException($"{source} says it unpacks to {Megabytes(bytes)}, more than the limit of {Megabytes(limits.MaxUnpackedBytes)} (plugins.maxUnpackedBytes): refused; raise the limit only for a package you trust");
        }
    }

    private void Count()
    {
        if (++_entries > limits.MaxEntries)
        {
            throw TooManyEntries();
        }
    }

    private PluginPackageException TooManyEntries() =>
        new($"{source} holds more than {limits.MaxEntries} files and folders, more than a plugin package may: refused");

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");
}
