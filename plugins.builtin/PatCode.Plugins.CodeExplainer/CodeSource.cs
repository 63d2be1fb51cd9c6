namespace PatCode.Plugins.CodeExplainer;

/// <summary>Where a piece of code came from.</summary>
internal enum CodeSource
{
    MessageBlock,
    LoadedFile,
}
