namespace PatCode.Chat.Answers.Markdown;

/// <summary>An open fenced code block: its fence (three or more backticks or tildes), indentation and language.</summary>
internal sealed record CodeFence(char Marker, int Length, int Indent, string Language)
{
    /// <summary>The fence a line opens, or <see langword="null"/>. Up to three spaces of indentation, as CommonMark allows (more inside lists).</summary>
    public static CodeFence? Opening(string line)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        var rest = line.AsSpan(indent);
        if (rest.Length < 3 || rest[0] is not ('`' or '~'))
        {
            return null;
        }

        var marker = rest[0];
        var length = 0;
        while (length < rest.Length && rest[length] == marker)
        {
            length++;
        }

        if (length < 3)
        {
            return null;
        }

        var info = rest[length..].Trim();

        // A backtick fence's info string may not contain a backtick (then the line is inline code).
        if (marker == '`' && info.Contains('`'))
        {
            return null;
        }

        var language = info.Length == 0 ? "" : info.ToString().Split(' ', 2)[0];
        return new CodeFence(marker, length, indent, language);
    }

    /// <summary>Whether <paramref name="line"/> closes this fence: the same marker, at least as many, nothing after.</summary>
    public bool IsClosedBy(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length >= Length && trimmed.AsSpan().IndexOfAnyExcept(Marker) < 0;
    }

    /// <summary>How many leading spaces of a code line are the fence's indentation (not shown).</summary>
    public int IndentationOf(ReadOnlySpan<char> line)
    {
        var remove = 0;
        while (remove < Indent && remove < line.Length && line[remove] == ' ')
        {
            remove++;
        }

        return remove;
    }
}
