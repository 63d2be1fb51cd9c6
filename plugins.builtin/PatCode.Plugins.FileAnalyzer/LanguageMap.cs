namespace PatCode.Plugins.FileAnalyzer;

/// <summary>Names the language of a file from its extension or well-known name.</summary>
internal static class LanguageMap
{
    public const string Other = "Other";

    public static string ForFile(string fileName, string extension)
    {
        switch (fileName)
        {
            case "Dockerfile":
                return "Dockerfile";
            case "Makefile" or "makefile" or "GNUmakefile":
                return "Makefile";
            default:
                break;
        }

        return extension.ToLowerInvariant() switch
        {
            ".cs" or ".csx" => "C#",
            ".fs" or ".fsi" or ".fsx" => "F#",
            ".vb" => "Visual Basic",
            ".py" or ".pyi" => "Python",
            ".js" or ".mjs" or ".cjs" or ".jsx" => "JavaScript",
            ".ts" or ".tsx" or ".mts" or ".cts" => "TypeScript",
            ".java" => "Java",
            ".kt" or ".kts" => "Kotlin",
            ".go" => "Go",
            ".rs" => "Rust",
            ".c" or ".h" => "C",
            ".cpp" or ".cc" or ".cxx" or ".hpp" or ".hh" or ".hxx" => "C++",
            ".rb" => "Ruby",
            ".php" => "PHP",
            ".swift" => "Swift",
            ".scala" => "Scala",
            ".lua" => "Lua",
            ".dart" => "Dart",
            ".r" => "R",
            ".sql" => "SQL",
            ".sh" or ".bash" or ".zsh" => "Shell",
            ".ps1" or ".psm1" => "PowerShell",
            ".html" or ".htm" or ".cshtml" or ".razor" => "HTML",
            ".css" or ".scss" or ".sass" or ".less" => "CSS",
            ".json" => "JSON",
            ".yaml" or ".yml" => "YAML",
            ".toml" => "TOML",
            ".xml" or ".csproj" or ".fsproj" or ".props" or ".targets" or ".xaml" or ".resx" => "XML",
            ".md" or ".markdown" => "Markdown",
            ".txt" => "Text",
            _ => Other,
        };
    }
}
