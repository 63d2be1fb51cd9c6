using System.Diagnostics.CodeAnalysis;

namespace PatCode.Sdk;

/// <summary>A file the user loaded into the conversation's context.</summary>
/// <remarks>Not a positional record, so members can be added without breaking plugins built against 1.0.</remarks>
public sealed record ContextFile
{
    /// <summary>Creates a loaded file.</summary>
    /// <param name="Path">The file's full path.</param>
    /// <param name="Content">The file's text, possibly cut to the host's size limit.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract (named arguments).")]
    public ContextFile(string Path, string Content)
    {
        this.Path = Path;
        this.Content = Content;
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; init; }

    /// <summary>The file's text, possibly cut to the host's size limit.</summary>
    public string Content { get; init; }

    /// <summary>Deconstructs the file into its 1.0 members.</summary>
    /// <param name="Path">The file's full path.</param>
    /// <param name="Content">The file's text.</param>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are part of the 1.0 contract.")]
    public void Deconstruct(out string Path, out string Content)
    {
        Path = this.Path;
        Content = this.Content;
    }
}
