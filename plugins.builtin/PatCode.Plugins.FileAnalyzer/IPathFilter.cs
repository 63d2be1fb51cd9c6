namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Decides whether a path under the analyzed root is ignored, as .gitignore would.</summary>
internal interface IPathFilter : IDisposable
{
    /// <summary>What the rules come from, for the report ("git repository", ".gitignore files").</summary>
    string Description { get; }

    /// <summary>Called when the walk enters a directory, before its entries are tested.</summary>
    /// <param name="relativeDirectory">The directory relative to the root, with '/' separators; "" for the root.</param>
    /// <param name="fullDirectory">The directory's full path.</param>
    void EnterDirectory(string relativeDirectory, string fullDirectory);

    /// <summary>Whether the entry is ignored.</summary>
    /// <param name="relativePath">Relative to the root, with '/' separators.</param>
    /// <param name="isDirectory">Whether it is a directory.</param>
    bool IsIgnored(string relativePath, bool isDirectory);
}
