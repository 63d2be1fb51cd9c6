namespace PatCode.Plugins.CodeExplainer;

/// <summary>One piece of code to explain.</summary>
/// <param name="Code">The code itself.</param>
/// <param name="FenceTag">The info string after the opening fence, if any ("python", "cs").</param>
/// <param name="FilePath">The file it came from, for loaded files.</param>
/// <param name="Source">Where it came from.</param>
internal sealed record CodeSnippet(string Code, string? FenceTag, string? FilePath, CodeSource Source)
{
    public int LineCount => Code.Length == 0 ? 0 : Code.TrimEnd('\n').Split('\n').Length;
}
