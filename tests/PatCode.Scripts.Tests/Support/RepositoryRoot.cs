namespace PatCode.Scripts.Tests.Support;

/// <summary>Finds the checkout the tests were built from, so they run the scripts of that checkout.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "PatCode.sln")))
            {
                return directory.FullName;
            }

            directory = directory.Parent;
        }

        throw new InvalidOperationException($"No PatCode.sln above {TestContext.CurrentContext.TestDirectory}; run the tests from a PatCode checkout.");
    }
}
