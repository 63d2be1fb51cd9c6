namespace PatCode.Sdk;

/// <summary>A file the user loaded into the conversation's context.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Content">The file's text, possibly cut to the host's size limit.</param>
public sealed record ContextFile(string Path, string Content);
