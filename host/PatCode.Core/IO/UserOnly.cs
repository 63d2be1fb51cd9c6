namespace PatCode.Core.IO;

/// <summary>The Unix modes of PatCode's state: files and folders the user alone can read and write.</summary>
public static class UserOnly
{
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A folder, or a file the owner may run.</summary>
    public const UnixFileMode Folder = File | UnixFileMode.UserExecute;
}
