namespace PatCode.Plugins.GitHelper;

/// <summary>Lines added and deleted in one file, from the diff against HEAD.</summary>
internal sealed record GitFileChange(string Path, int LinesAdded, int LinesDeleted);
