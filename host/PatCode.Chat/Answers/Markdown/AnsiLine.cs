using System.Text;
using PatCode.Chat.Terminal;

namespace PatCode.Chat.Answers.Markdown;

/// <summary>
/// Builds one line of styled text. Attributes nest (bold inside a bold heading stays bold after the inner
/// span ends) because each is counted and only switched off when its last user closes it. Tracks the
/// visible width, which tables and wrapping need.
/// </summary>
internal sealed class AnsiLine
{
    private static readonly string[] On = ["\u001b[1m", "\u001b[2m", "\u001b[3m", "\u001b[4m", "\u001b[9m"];
    private static readonly string[] Off = ["\u001b[22m", "\u001b[22m", "\u001b[23m", "\u001b[24m", "\u001b[29m"];

    private readonly StringBuilder _text = new();
    private readonly StringBuilder _plain = new();
    private readonly int[] _counts = new int[On.Length];
    private readonly List<string> _colours = [];

    /// <summary>Visible columns so far.</summary>
    public int Width { get; private set; }

    public AnsiLine Text(ReadOnlySpan<char> text)
    {
        _text.Append(text);
        _plain.Append(text);
        Width += DisplayWidth.Of(text);
        return this;
    }

    public AnsiLine Begin(Sgr attribute)
    {
        if (_counts[(int)attribute]++ == 0)
        {
            _text.Append(On[(int)attribute]);
        }

        return this;
    }

    public AnsiLine End(Sgr attribute)
    {
        if (--_counts[(int)attribute] == 0)
        {
            _text.Append(Off[(int)attribute]);

            // Bold and dim share their "off" code: switch the other one back on if it is still wanted.
            var partner = attribute switch { Sgr.Bold => Sgr.Dim, Sgr.Dim => Sgr.Bold, _ => attribute };
            if (partner != attribute && _counts[(int)partner] > 0)
            {
                _text.Append(On[(int)partner]);
            }
        }

        return this;
    }

    /// <summary>Starts a foreground colour given as an SGR parameter, e.g. "36" for cyan.</summary>
    public AnsiLine BeginColour(string sgr)
    {
        _colours.Add(sgr);
        _text.Append("\u001b[").Append(sgr).Append('m');
        return this;
    }

    public AnsiLine EndColour()
    {
        _colours.RemoveAt(_colours.Count - 1);
        _text.Append("\u001b[").Append(_colours.Count == 0 ? "39" : _colours[^1]).Append('m');
        return this;
    }

    public AnsiLine Styled(Sgr attribute, string text) => Begin(attribute).Text(text).End(attribute);

    public AnsiLine Append(AnsiLine other)
    {
        _text.Append(other._text);
        _plain.Append(other._plain);
        Width += other.Width;
        return this;
    }

    /// <summary>The text without its styles.</summary>
    public string PlainText => _plain.ToString();

    public override string ToString() => _text.ToString();
}
