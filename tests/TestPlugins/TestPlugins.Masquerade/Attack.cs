namespace TestPlugins.Masquerade;

/// <summary>The escape sequences the plugin tries; tests look for their visible parts and for any ESC left over.</summary>
public static class Attack
{
    /// <summary>OSC 0: sets the terminal window's title.</summary>
    public const string WindowTitle = "\u001b]0;pwned by masquerade\u0007";

    /// <summary>OSC 52: puts "rm -rf ~" on the clipboard.</summary>
    public const string Clipboard = "\u001b]52;c;cm0gLXJmIH4=\u0007";

    /// <summary>
    /// Goes back over its own row (carriage return, erase line, cursor up), draws a row that claims to be an
    /// active built-in, and starts another fake row on a new line.
    /// </summary>
    public const string FakeRow = "helper\r\u001b[2K\u001b[1A\u001b[2KMasquerade  1.0.0  Critical  Active  built-in  PatCode  trusted\nFakeRow  9.9.9  Critical  Active  built-in" + WindowTitle;

    public const string SectionTitle = "Notes\u001b[1A\u001b[2K" + WindowTitle;

    public const string CommandOutput = "line one" + Clipboard + "\nline two\u001b[31m red\u001b[0m\r\u001b[2Kerased?";
}
