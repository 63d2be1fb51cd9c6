namespace PatCode.Chat.Terminal;

/// <summary>The terminal's size as .NET reports it (it follows resizes), with sane values when it cannot tell.</summary>
internal static class ConsoleSize
{
    public static int Width => Math.Max(20, Read(static () => Console.WindowWidth, 80));

    public static int Height => Math.Max(5, Read(static () => Console.WindowHeight, 24));

    private static int Read(Func<int> read, int fallback)
    {
        try
        {
            return read() is > 0 and var size ? size : fallback;
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
