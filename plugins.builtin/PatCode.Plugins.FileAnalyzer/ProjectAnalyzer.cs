using System.Security.Cryptography;
using System.Text;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Analyses a folder in two steps: a walk that lists files with their size and time stamp (cheap, and the
/// input of the fingerprint), then a read of every listed file to count lines (the expensive part, skipped
/// when the fingerprint's result is cached).
/// </summary>
internal static class ProjectAnalyzer
{
    public const int TopCount = 10;

    /// <summary>Bump when the report changes, so cached reports of the old shape are not reused.</summary>
    private const string FormatVersion = "v1";

    public static ProjectAnalysis Analyze(string root, AnalyzerLimits limits, CancellationToken cancellationToken) =>
        Analyze(TreeWalker.Walk(root, limits, cancellationToken), limits, cancellationToken);

    public static ProjectAnalysis Analyze(TreeWalk walk, AnalyzerLimits limits, CancellationToken cancellationToken)
    {
        var files = walk.Files;
        var lines = new long[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            lines[i] = files[i].Length > limits.MaxFileBytes ? FileContentStats.OverCap : ReadLinesOrSkip(files[i].FullPath, limits.MaxFileBytes);
        });

        var languages = new Dictionary<string, (int Files, long Lines)>(StringComparer.Ordinal);
        var extensions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        long totalBytes = 0;
        long totalLines = 0;
        var binary = 0;
        var overCap = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            totalBytes += file.Length;
            var name = Path.GetFileName(file.RelativePath);
            var extension = Path.GetExtension(name);
            var extensionKey = extension.Length == 0 ? "(none)" : extension.ToLowerInvariant();
            extensions[extensionKey] = extensions.GetValueOrDefault(extensionKey) + 1;
            switch (lines[i])
            {
                case FileContentStats.Binary:
                    binary++;
                    continue;
                case FileContentStats.OverCap:
                    overCap++;
                    continue;
                default:
                    break;
            }

            var language = LanguageMap.ForFile(name, extension);
            var (languageFiles, languageLines) = languages.GetValueOrDefault(language);
            languages[language] = (languageFiles + 1, languageLines + lines[i]);
            totalLines += lines[i];
        }

        return new ProjectAnalysis
        {
            Walk = walk,
            TotalBytes = totalBytes,
            TotalLines = totalLines,
            BinaryFiles = binary,
            FilesOverSizeCap = overCap,
            Languages = languages.Select(l => new LanguageStats(l.Key, l.Value.Files, l.Value.Lines))
                .OrderByDescending(l => l.Lines).ThenBy(l => l.Language, StringComparer.Ordinal).ToList(),
            TopExtensions = extensions.Select(e => new ExtensionCount(e.Key, e.Value))
                .OrderByDescending(e => e.Files).ThenBy(e => e.Extension, StringComparer.Ordinal).Take(TopCount).ToList(),
            LargestFiles = files.OrderByDescending(f => f.Length).ThenBy(f => f.RelativePath, StringComparer.Ordinal)
                .Take(TopCount).Select(f => new FileSize(f.RelativePath, f.Length)).ToList(),
        };
    }

    /// <summary>
    /// A key for the tree's state: the root, the limits, and every listed file's path, size and time stamp.
    /// Editing, adding, removing or renaming a file changes it; reading files does not.
    /// </summary>
    public static string Fingerprint(TreeWalk walk, AnalyzerLimits limits)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, $"{FormatVersion}\n{walk.Root}\n{limits.MaxFiles}\n{limits.MaxFileBytes}\n{walk.IgnoreSource}\n{walk.FileCapReached}\n");
        Span<byte> numbers = stackalloc byte[16];
        foreach (var file in walk.Files)
        {
            Append(hash, file.RelativePath);
            BitConverter.TryWriteBytes(numbers, file.Length);
            BitConverter.TryWriteBytes(numbers[8..], file.LastWriteTicks);
            hash.AppendData(numbers);
        }

        return $"analysis:{FormatVersion}:{Convert.ToHexStringLower(hash.GetHashAndReset())}";
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }

    private static long ReadLinesOrSkip(string path, long maxBytes)
    {
        try
        {
            return FileContentStats.CountLines(path, maxBytes);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0; // vanished, unreadable or no longer a regular file since the walk: counted, with no lines
        }
    }
}
