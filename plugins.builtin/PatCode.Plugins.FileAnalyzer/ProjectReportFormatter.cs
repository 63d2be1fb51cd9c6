using System.Globalization;
using System.Text;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Renders a <see cref="ProjectAnalysis"/> as the text of the context section and of <c>/analyze</c>.</summary>
internal static class ProjectReportFormatter
{
    public static string Format(ProjectAnalysis analysis, AnalyzerLimits limits)
    {
        var walk = analysis.Walk;
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Project: {walk.Root}");
        text.AppendLine(c, $"Files: {walk.Files.Count:N0} in {walk.DirectoryCount:N0} directories, {FormatBytes(analysis.TotalBytes)}, {analysis.TotalLines:N0} lines of text");
        text.AppendLine(c, $"Ignore rules: {walk.IgnoreSource}; {walk.IgnoredEntries:N0} ignored entries; {walk.SkippedDirectories:N0} build/tool folders skipped (.git, bin, obj, node_modules)");

        if (analysis.Languages.Count > 0)
        {
            text.AppendLine("Lines of code by language:");
            foreach (var language in analysis.Languages)
            {
                text.AppendLine(c, $"  {language.Language}: {language.Files:N0} files, {language.Lines:N0} lines");
            }
        }

        if (analysis.TopExtensions.Count > 0)
        {
            text.AppendLine(c, $"Top extensions: {string.Join(", ", analysis.TopExtensions.Select(e => string.Create(c, $"{e.Extension} ({e.Files:N0})")))}");
        }

        if (analysis.LargestFiles.Count > 0)
        {
            text.AppendLine("Largest files:");
            foreach (var file in analysis.LargestFiles)
            {
                text.AppendLine(c, $"  {file.RelativePath} ({FormatBytes(file.Bytes)})");
            }
        }

        if (analysis.BinaryFiles > 0)
        {
            text.AppendLine(c, $"Binary files: {analysis.BinaryFiles:N0} (no lines counted)");
        }

        if (walk.FileCapReached)
        {
            text.AppendLine(c, $"File cap reached: the walk stopped at {limits.MaxFiles:N0} files, so these numbers cover only part of the tree.");
        }

        if (analysis.FilesOverSizeCap > 0)
        {
            text.AppendLine(c, $"Size cap reached: {analysis.FilesOverSizeCap:N0} file(s) larger than {FormatBytes(limits.MaxFileBytes)} were counted without their lines.");
        }

        if (walk.SymlinksOutsideRoot > 0)
        {
            text.AppendLine(c, $"Symlinks pointing outside the project or broken: {walk.SymlinksOutsideRoot:N0}, not followed.");
        }

        if (walk.SpecialFiles > 0)
        {
            text.AppendLine(c, $"Special files (FIFOs, sockets, devices): {walk.SpecialFiles:N0}, not read.");
        }

        if (walk.SymlinkedDirectoriesNotFollowed > 0)
        {
            text.AppendLine(c, $"Symlinked folders inside the project: {walk.SymlinkedDirectoriesNotFollowed:N0}, not followed (their files are counted where they live).");
        }

        return text.ToString().TrimEnd();
    }

    public static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
