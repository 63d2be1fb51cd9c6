using PatCode.Core.IO;
using PatCode.Sdk;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Adds an overview of the project (files, folders, lines per language, top extensions, largest files)
/// when the user asks about the project's structure. Honours .gitignore, never leaves the root through a
/// symlink, caps what it reads, and caches the report per tree state.
/// </summary>
[PatCodePlugin("FileAnalyzer", Version = "1.0.0", Author = "PatCode", Priority = PluginPriority.Normal,
    Description = "Adds the project's structure: files, lines per language, extensions, largest files; /analyze [path]")]
public sealed class FileAnalyzerPlugin : Plugin
{
    private readonly ProjectReportService _reports = new(AnalyzerLimits.Default);

    /// <inheritdoc/>
    public override IReadOnlyList<PluginCommand> Commands =>
    [
        new PluginCommand("analyze", "[path]: files, folders, lines per language and largest files of a folder (default: the current one)", RunAnalyzeCommandAsync),
    ];

    /// <inheritdoc/>
    public override bool CanHandle(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AnalyzeRequestDetector.IsAnalyzeRequest(context.Input);
    }

    /// <inheritdoc/>
    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Directory.Exists(context.WorkingDirectory))
        {
            return PluginResult.Fail($"The working folder {context.WorkingDirectory} does not exist, so there is no project to analyse.");
        }

        if (RegularFile.KernelFileSystemOf(context.WorkingDirectory) is { } system)
        {
            return PluginResult.Fail($"The working folder {context.WorkingDirectory} is in the kernel's {system} file system, not a project.");
        }

        var report = await _reports.GetReportAsync(context.WorkingDirectory, context.Services, cancellationToken);
        context.AddSection("Project structure", report);
        return PluginResult.Ok();
    }

    private async Task<string> RunAnalyzeCommandAsync(PluginCommandContext command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count > 1)
        {
            return "Usage: /analyze [path] (one folder; quote a path that has spaces).";
        }

        var root = command.Arguments.Count == 0
            ? command.WorkingDirectory
            : Path.GetFullPath(Path.Combine(command.WorkingDirectory, command.Arguments[0]));
        if (!Directory.Exists(root))
        {
            return $"No folder at {root}; give an existing folder, e.g. /analyze src.";
        }

        if (RegularFile.KernelFileSystemOf(root) is { } system)
        {
            // Its files are made up as they are read (/proc/kcore alone claims terabytes): nothing to analyse.
            return $"{root} is in the kernel's {system} file system, not a project; give a project folder, e.g. /analyze src.";
        }

        return await _reports.GetReportAsync(root, command.Services, cancellationToken);
    }
}
