using PatCode.Plugins.CodeExplainer;

namespace PatCode.Plugins.Builtin.Tests.CodeExplainer;

public sealed class LanguageDetectorTests
{
    [TestCase("cs", "C#")]
    [TestCase("csharp", "C#")]
    [TestCase("py", "Python")]
    [TestCase("TypeScript", "TypeScript")]
    [TestCase("bash", "Shell")]
    [TestCase("rust title=\"main.rs\"", "Rust")]
    public void Detect_FenceTag_Wins(string tag, string expected)
    {
        var snippet = new CodeSnippet("x = 1", tag, null, CodeSource.MessageBlock);

        Assert.That(LanguageDetector.Detect(snippet), Is.EqualTo(expected));
    }

    [TestCase("/repo/src/main.go", "Go")]
    [TestCase("/repo/App.tsx", "TypeScript")]
    [TestCase("/repo/Dockerfile", "Dockerfile")]
    [TestCase("/repo/query.SQL", "SQL")]
    public void Detect_FileExtension_NamesTheLanguage(string path, string expected)
    {
        var snippet = new CodeSnippet("whatever", null, path, CodeSource.LoadedFile);

        Assert.That(LanguageDetector.Detect(snippet), Is.EqualTo(expected));
    }

    [TestCase("using System;\nnamespace Demo;\npublic sealed class Program\n{\n    static void Main() => Console.WriteLine(\"hi\");\n}", "C#")]
    [TestCase("import os\n\ndef walk(path):\n    for name in os.listdir(path):\n        print(name)\n", "Python")]
    [TestCase("const items = [1, 2];\nfunction sum(a) { return a.reduce((x, y) => x + y, 0); }\nconsole.log(sum(items));", "JavaScript")]
    [TestCase("interface User { name: string; age: number }\nconst u: User = { name: 'a', age: 1 };", "TypeScript")]
    [TestCase("package main\n\nimport \"fmt\"\n\nfunc main() {\n    x := 1\n    fmt.Println(x)\n}", "Go")]
    [TestCase("fn main() {\n    let mut v = Vec::new();\n    v.push(1);\n    println!(\"{:?}\", v);\n}", "Rust")]
    [TestCase("SELECT id, name\nFROM users\nWHERE age > 30;", "SQL")]
    [TestCase("#!/bin/bash\nfor f in *.txt; do\n  echo \"$f\"\ndone", "Shell")]
    [TestCase("public class Main {\n  public static void main(String[] args) {\n    System.out.println(\"hi\");\n  }\n}", "Java")]
    [TestCase("#include <iostream>\nint main() { std::cout << 1; }", "C++")]
    public void Detect_NoTagNoPath_UsesContentCues(string code, string expected)
    {
        var snippet = new CodeSnippet(code, null, null, CodeSource.MessageBlock);

        Assert.That(LanguageDetector.Detect(snippet), Is.EqualTo(expected));
    }

    [Test]
    public void Detect_PlainProse_IsUnknown()
    {
        var snippet = new CodeSnippet("nothing here looks like a program", null, null, CodeSource.MessageBlock);

        Assert.That(LanguageDetector.Detect(snippet), Is.EqualTo(LanguageDetector.Unknown));
    }
}
