using System.Text.RegularExpressions;

namespace PatCode.Plugins.CodeExplainer;

/// <summary>
/// Names the programming language of a snippet: the fence tag wins, then the file extension, then
/// weighted textual cues. Returns "unknown" rather than guess when no cue stands out.
/// </summary>
internal static partial class LanguageDetector
{
    public const string Unknown = "unknown";

    public static string Detect(CodeSnippet snippet)
    {
        if (snippet.FenceTag is { } tag && FromName(tag.Split(' ', ',', '{')[0]) is { } fromTag)
        {
            return fromTag;
        }

        if (snippet.FilePath is { } path && FromExtension(path) is { } fromExtension)
        {
            return fromExtension;
        }

        return FromContent(snippet.Code);
    }

    public static string? FromName(string name) => name.Trim().TrimStart('.').ToLowerInvariant() switch
    {
        "cs" or "csharp" or "c#" => "C#",
        "fs" or "fsharp" or "f#" => "F#",
        "vb" or "vbnet" => "Visual Basic",
        "py" or "python" or "python3" => "Python",
        "js" or "javascript" or "jsx" or "mjs" or "cjs" or "node" => "JavaScript",
        "ts" or "typescript" or "tsx" => "TypeScript",
        "java" => "Java",
        "kt" or "kotlin" or "kts" => "Kotlin",
        "go" or "golang" => "Go",
        "rs" or "rust" => "Rust",
        "c" or "h" => "C",
        "cpp" or "c++" or "cc" or "cxx" or "hpp" or "hh" => "C++",
        "rb" or "ruby" => "Ruby",
        "php" => "PHP",
        "swift" => "Swift",
        "sql" or "psql" or "mysql" or "tsql" => "SQL",
        "sh" or "bash" or "shell" or "zsh" or "console" => "Shell",
        "ps1" or "powershell" or "pwsh" => "PowerShell",
        "html" or "htm" => "HTML",
        "css" or "scss" or "sass" or "less" => "CSS",
        "json" => "JSON",
        "yaml" or "yml" => "YAML",
        "xml" or "csproj" or "props" or "targets" or "xaml" => "XML",
        "lua" => "Lua",
        "r" => "R",
        "dart" => "Dart",
        "scala" => "Scala",
        "hs" or "haskell" => "Haskell",
        "ex" or "exs" or "elixir" => "Elixir",
        "dockerfile" or "docker" => "Dockerfile",
        "md" or "markdown" => "Markdown",
        _ => null,
    };

    public static string? FromExtension(string path)
    {
        var fileName = Path.GetFileName(path);
        if (fileName.Equals("Dockerfile", StringComparison.OrdinalIgnoreCase))
        {
            return "Dockerfile";
        }

        if (fileName.Equals("Makefile", StringComparison.OrdinalIgnoreCase))
        {
            return "Makefile";
        }

        var extension = Path.GetExtension(path);
        return extension.Length > 1 ? FromName(extension) : null;
    }

    public static string FromContent(string code)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (language, cue, weight) in Cues())
        {
            if (cue.IsMatch(code))
            {
                scores[language] = scores.GetValueOrDefault(language) + weight;
            }
        }

        if (scores.Count == 0)
        {
            return Unknown;
        }

        var ranked = scores.OrderByDescending(s => s.Value).ToList();
        // A tie between the two best is no answer.
        return ranked.Count > 1 && ranked[0].Value == ranked[1].Value ? Unknown : ranked[0].Key;
    }

    private static IEnumerable<(string Language, Regex Cue, int Weight)> Cues()
    {
        yield return ("C#", CSharpStrong(), 3);
        yield return ("C#", CSharpWeak(), 1);
        yield return ("Python", PythonStrong(), 3);
        yield return ("Python", PythonWeak(), 1);
        yield return ("JavaScript", JavaScriptStrong(), 2);
        yield return ("JavaScript", JavaScriptWeak(), 1);
        yield return ("TypeScript", TypeScriptStrong(), 3);
        yield return ("Java", JavaStrong(), 3);
        yield return ("Go", GoStrong(), 3);
        yield return ("Rust", RustStrong(), 3);
        yield return ("C", CStrong(), 2);
        yield return ("C++", CppStrong(), 3);
        yield return ("SQL", SqlStrong(), 3);
        yield return ("Shell", ShellStrong(), 3);
        yield return ("Ruby", RubyStrong(), 2);
        yield return ("PHP", PhpStrong(), 4);
        yield return ("HTML", HtmlStrong(), 3);
    }

    [GeneratedRegex(@"\busing\s+System\b|\bnamespace\s+[\w.]+\s*[;{]|\bConsole\.Write(Line)?\(|\basync\s+Task\b|\bpublic\s+(sealed\s+|partial\s+)+(class|record)\b|\bstring\[\]\s+args\b")]
    private static partial Regex CSharpStrong();

    [GeneratedRegex(@"\bvar\s+\w+\s*=.*;|\b(private|internal)\s+(readonly\s+)?\w+\s+_\w+|=>\s*\w+.*;|\bforeach\s*\(\s*var\b")]
    private static partial Regex CSharpWeak();

    [GeneratedRegex(@"^\s*def\s+\w+\s*\(.*\)\s*(->\s*[\w\[\], .]+)?:\s*$|^\s*(from\s+[\w.]+\s+)?import\s+[\w.]+(\s+as\s+\w+)?\s*$|\bif\s+__name__\s*==|\bprint\(f?[""']|\belif\b", RegexOptions.Multiline)]
    private static partial Regex PythonStrong();

    [GeneratedRegex(@"\bself\b|^\s*(for|while|if)\b[^;{]*:\s*$|\bNone\b|\bTrue\b|\bFalse\b", RegexOptions.Multiline)]
    private static partial Regex PythonWeak();

    [GeneratedRegex(@"\bconsole\.log\(|\bfunction\s*\w*\s*\(|\brequire\(['""]|\bmodule\.exports\b|\bdocument\.\w+|=== ")]
    private static partial Regex JavaScriptStrong();

    [GeneratedRegex(@"\b(const|let)\s+\w+\s*=|=>\s*\{|\bexport\s+(default\s+)?(function|const|class)\b")]
    private static partial Regex JavaScriptWeak();

    [GeneratedRegex(@"\binterface\s+\w+\s*\{|:\s*(string|number|boolean|void|any|unknown)\b|\btype\s+\w+\s*=|\bas\s+const\b")]
    private static partial Regex TypeScriptStrong();

    [GeneratedRegex(@"\bpublic\s+static\s+void\s+main\s*\(|\bSystem\.out\.print(ln)?\(|^\s*import\s+java\.|^\s*package\s+[\w.]+;", RegexOptions.Multiline)]
    private static partial Regex JavaStrong();

    [GeneratedRegex(@"^\s*package\s+\w+\s*$|^\s*func\s+(\(\w+\s+\*?\w+\)\s*)?\w+\(|\bfmt\.\w+\(|\w+\s*:=\s*", RegexOptions.Multiline)]
    private static partial Regex GoStrong();

    [GeneratedRegex(@"\bfn\s+\w+\s*(<[^>]*>)?\s*\(|\blet\s+mut\b|\bprintln!\(|\bimpl\b.*\{|\buse\s+std::|&mut\s")]
    private static partial Regex RustStrong();

    [GeneratedRegex(@"^\s*#include\s*[<""]|\bprintf\s*\(|\bmalloc\s*\(|\bint\s+main\s*\(", RegexOptions.Multiline)]
    private static partial Regex CStrong();

    [GeneratedRegex(@"\bstd::|\bcout\s*<<|\btemplate\s*<|#include\s*<(iostream|vector|string|map)>")]
    private static partial Regex CppStrong();

    [GeneratedRegex(@"\bSELECT\b[\s\S]+?\bFROM\b|\bINSERT\s+INTO\b|\bCREATE\s+TABLE\b|\bUPDATE\s+\w+\s+SET\b", RegexOptions.IgnoreCase)]
    private static partial Regex SqlStrong();

    [GeneratedRegex(@"^#!\s*/(usr/)?bin/(env\s+)?(ba|z)?sh|^\s*(fi|done|esac)\s*$|^\s*echo\s+[""'$\w]", RegexOptions.Multiline)]
    private static partial Regex ShellStrong();

    [GeneratedRegex(@"^\s*def\s+\w+[^:(]*$|^\s*end\s*$|\bputs\s|\battr_accessor\b", RegexOptions.Multiline)]
    private static partial Regex RubyStrong();

    [GeneratedRegex(@"<\?php|\$this->|\becho\s+\$")]
    private static partial Regex PhpStrong();

    [GeneratedRegex(@"<!DOCTYPE\s+html|<html\b|<(div|body|head|span|p)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlStrong();
}
