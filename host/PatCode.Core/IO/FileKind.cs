namespace PatCode.Core.IO;

/// <summary>What a path names, as the file system says (links followed): only <see cref="Regular"/> files are read.</summary>
internal enum FileKind
{
    /// <summary>The kind could not be had (no such file, no permission, or a platform PatCode cannot ask).</summary>
    Unknown,

    Regular,

    Directory,

    /// <summary>A named pipe: opening it waits for a writer, and reading it waits for data.</summary>
    Fifo,

    /// <summary>Such as /dev/zero or a terminal: reading may never end.</summary>
    CharacterDevice,

    BlockDevice,

    Socket,
}
