namespace PatCode.Cli.Tests.Support;

/// <summary>A throw-away PATCODE_HOME with a plugins folder.</summary>
internal sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Path = Directory.CreateTempSubdirectory("patcode-cli-").FullName;
        Directory.CreateDirectory(Plugins);
    }

    public string Path { get; }

    public string Plugins => System.IO.Path.Combine(Path, "plugins");

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
