using LibGit2Sharp;
using PatCode.Sdk;

namespace PatCode.Plugins.GitHelper;

/// <summary>
/// Adds the repository's state (branch and upstream, staged/modified/untracked files, recent commits,
/// diff stat) when the user talks about git, read with LibGit2Sharp. Outside a repository it stays silent.
/// </summary>
[PatCodePlugin("GitHelper", Version = "1.0.0", Author = "PatCode", Priority = PluginPriority.Normal,
    Description = "Adds branch, status, recent commits and diff stat when you talk about git; /git status|log|diff")]
public sealed class GitHelperPlugin : Plugin
{
    /// <summary>Commits shown in the context section.</summary>
    internal const int SectionCommitCount = 5;

    /// <inheritdoc/>
    public override IReadOnlyList<PluginCommand> Commands =>
    [
        new PluginCommand(GitCommand.Name, GitCommand.Help, (command, cancellationToken) =>
            Task.Run(() => GitCommand.Run(command.Arguments, command.WorkingDirectory, cancellationToken), cancellationToken)),
    ];

    /// <inheritdoc/>
    public override bool CanHandle(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return GitTriggerDetector.IsGitRelated(context.Input);
    }

    /// <inheritdoc/>
    public override async Task<PluginResult> ExecuteAsync(PluginContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        GitSnapshot? snapshot;
        try
        {
            using (context.Services.Telemetry.StartTimer("read"))
            {
                snapshot = await Task.Run(() => GitRepositoryReader.TryRead(context.WorkingDirectory, SectionCommitCount, cancellationToken), cancellationToken);
            }
        }
        catch (LibGit2SharpException exception)
        {
            GitHelperLog.RepositoryReadFailed(context.Logger, exception, context.WorkingDirectory);
            return PluginResult.Fail($"Could not read the git repository at {context.WorkingDirectory}: {exception.Message}");
        }

        if (snapshot is null)
        {
            // Not a repository: git words in a chat about something else are no error.
            return PluginResult.Ok("not a git repository");
        }

        context.AddSection("Git repository", GitReportFormatter.FormatStatus(snapshot));
        return PluginResult.Ok(GitReportFormatter.DescribeHead(snapshot));
    }
}
