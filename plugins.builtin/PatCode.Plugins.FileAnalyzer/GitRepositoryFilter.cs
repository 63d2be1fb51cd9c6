using LibGit2Sharp;

namespace PatCode.Plugins.FileAnalyzer;

/// <summary>
/// Uses the repository's own ignore rules through LibGit2Sharp (every .gitignore, .git/info/exclude and
/// core.excludesFile), so the analysis agrees with git. Owns the <see cref="Repository"/> and disposes it.
/// </summary>
internal sealed class GitRepositoryFilter : IPathFilter
{
    private readonly Repository _repository;
    private readonly string _rootPrefix;

    private GitRepositoryFilter(Repository repository, string rootPrefix)
    {
        _repository = repository;
        _rootPrefix = rootPrefix;
    }

    public string Description => "the git repository's ignore rules";

    /// <summary>A filter for <paramref name="root"/> when it lies in a repository's working tree, else <see langword="null"/>.</summary>
    public static GitRepositoryFilter? TryCreate(string root)
    {
        Repository repository;
        try
        {
            var gitDirectory = Repository.Discover(root);
            if (gitDirectory is null)
            {
                return null;
            }

            repository = new Repository(gitDirectory);
        }
        catch (LibGit2SharpException)
        {
            return null; // a damaged repository: the .gitignore reader is still better than nothing
        }

        if (repository.Info.IsBare)
        {
            repository.Dispose();
            return null;
        }

        // Ignore rules take paths relative to the working tree; the analyzed root may be a subfolder of it.
        var prefix = Path.GetRelativePath(repository.Info.WorkingDirectory, root).Replace('\\', '/');
        return new GitRepositoryFilter(repository, prefix is "." ? "" : prefix + "/");
    }

    public void EnterDirectory(string relativeDirectory, string fullDirectory)
    {
    }

    public bool IsIgnored(string relativePath, bool isDirectory) =>
        _repository.Ignore.IsPathIgnored(isDirectory ? _rootPrefix + relativePath + "/" : _rootPrefix + relativePath);

    public void Dispose() => _repository.Dispose();
}
