using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.FileAnalyzer;

namespace PatCode.Plugins.Builtin.Tests.FileAnalyzer;

public sealed class ProjectAnalyzerTests
{
    private TemporaryDirectory _root = null!;
    private TemporaryDirectory _outside = null!;

    [SetUp]
    public void SetUp()
    {
        _root = new TemporaryDirectory("patcode-tree");
        _outside = new TemporaryDirectory("patcode-outside");
    }

    [TearDown]
    public void TearDown()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    [Test]
    public void Analyze_GeneratedTree_CountsFilesDirectoriesLanguagesAndExtensions()
    {
        _root.WriteFile("src/Program.cs", "class P\n{\n}\n");
        _root.WriteFile("src/Util.cs", "class U {}\n");
        _root.WriteFile("scripts/run.py", "print(1)\nprint(2)\n");
        _root.WriteFile("README.md", "# Title\n\ntext\n");

        var analysis = ProjectAnalyzer.Analyze(_root.Path, AnalyzerLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(analysis.Walk.Files, Has.Count.EqualTo(4));
            Assert.That(analysis.Walk.DirectoryCount, Is.EqualTo(2));
            Assert.That(analysis.TotalLines, Is.EqualTo(3 + 1 + 2 + 3));
            Assert.That(analysis.Languages, Does.Contain(new LanguageStats("C#", 2, 4)));
            Assert.That(analysis.Languages, Does.Contain(new LanguageStats("Python", 1, 2)));
            Assert.That(analysis.Languages, Does.Contain(new LanguageStats("Markdown", 1, 3)));
            Assert.That(analysis.TopExtensions[0], Is.EqualTo(new ExtensionCount(".cs", 2)));
            Assert.That(analysis.LargestFiles.Select(f => f.RelativePath), Is.EqualTo(new[] { "scripts/run.py", "README.md", "src/Program.cs", "src/Util.cs" }));
        });
    }

    [Test]
    public void Walk_GitIgnoreOutsideARepository_IsHonouredWithNegationAndNesting()
    {
        _root.WriteFile(".gitignore", "*.log\n!keep.log\ngenerated/\n");
        _root.WriteFile("app.log", "x\n");
        _root.WriteFile("keep.log", "x\n");
        _root.WriteFile("generated/out.cs", "x\n");
        _root.WriteFile("sub/.gitignore", "*.tmp\n");
        _root.WriteFile("sub/a.tmp", "x\n");
        _root.WriteFile("b.tmp", "x\n");
        _root.WriteFile("sub/code.cs", "x\n");

        var walk = TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(walk.Files.Select(f => f.RelativePath), Is.EquivalentTo(new[] { ".gitignore", "keep.log", "b.tmp", "sub/.gitignore", "sub/code.cs" }));
            Assert.That(walk.IgnoreSource, Is.EqualTo(".gitignore files"));
            Assert.That(walk.IgnoredEntries, Is.EqualTo(3));
        });
    }

    [Test]
    public void Walk_BuildAndToolFolders_AreSkippedEvenWithoutGitIgnore()
    {
        _root.WriteFile("bin/Debug/app.dll", "x");
        _root.WriteFile("obj/project.assets.json", "{}");
        _root.WriteFile("node_modules/left-pad/index.js", "module.exports = 1;");
        _root.WriteFile(".git/HEAD", "ref: refs/heads/main");
        _root.WriteFile("src/main.js", "console.log(1);\n");

        var walk = TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(walk.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "src/main.js" }));
            Assert.That(walk.SkippedDirectories, Is.EqualTo(4));
        });
    }

    [Test]
    public void Walk_SymlinksOutOfTheRoot_AreNeverFollowed()
    {
        _outside.WriteFile("secret.txt", "outside\n");
        _outside.WriteFile("far/many.cs", "class Far {}\n");
        _root.WriteFile("real.cs", "class Real {}\n");
        File.CreateSymbolicLink(_root.Combine("link-to-file.txt"), _outside.Combine("secret.txt"));
        Directory.CreateSymbolicLink(_root.Combine("link-to-dir"), _outside.Combine("far"));
        File.CreateSymbolicLink(_root.Combine("relative-escape.txt"), Path.Combine("..", Path.GetFileName(_outside.Path), "secret.txt"));
        File.CreateSymbolicLink(_root.Combine("broken.txt"), _root.Combine("does-not-exist.txt"));

        var walk = TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(walk.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "real.cs" }));
            Assert.That(walk.SymlinksOutsideRoot, Is.EqualTo(4));
            Assert.That(walk.Files.Any(f => f.FullPath.StartsWith(_outside.Path, StringComparison.Ordinal)), Is.False);
        });
    }

    [Test]
    public void Walk_SymlinksInsideTheRoot_CountFilesButDoNotEnterFolders()
    {
        _root.WriteFile("lib/code.cs", "class C {}\n");
        File.CreateSymbolicLink(_root.Combine("alias.cs"), _root.Combine("lib", "code.cs"));
        Directory.CreateSymbolicLink(_root.Combine("loop"), _root.Path);

        var walk = TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(walk.Files.Select(f => f.RelativePath), Is.EquivalentTo(new[] { "lib/code.cs", "alias.cs" }));
            Assert.That(walk.SymlinkedDirectoriesNotFollowed, Is.EqualTo(1));
            Assert.That(walk.SymlinksOutsideRoot, Is.Zero);
        });
    }

    [Test]
    public void Analyze_BinaryFile_IsCountedWithoutLines()
    {
        _root.WriteFile("a.txt", "one\ntwo\n");
        File.WriteAllBytes(_root.Combine("logo.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x0A]);

        var analysis = ProjectAnalyzer.Analyze(_root.Path, AnalyzerLimits.Default, CancellationToken.None);
        var report = ProjectReportFormatter.Format(analysis, AnalyzerLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(analysis.Walk.Files, Has.Count.EqualTo(2));
            Assert.That(analysis.BinaryFiles, Is.EqualTo(1));
            Assert.That(analysis.TotalLines, Is.EqualTo(2));
            Assert.That(report, Does.Contain("Binary files: 1 (no lines counted)"));
        });
    }

    [Test]
    public void Analyze_MoreFilesThanTheCap_StopsAndSaysSo()
    {
        for (var i = 0; i < 12; i++)
        {
            _root.WriteFile($"f{i:00}.txt", "x\n");
        }

        var limits = new AnalyzerLimits(MaxFiles: 5, MaxFileBytes: 1024);
        var analysis = ProjectAnalyzer.Analyze(_root.Path, limits, CancellationToken.None);
        var report = ProjectReportFormatter.Format(analysis, limits);

        Assert.Multiple(() =>
        {
            Assert.That(analysis.Walk.Files, Has.Count.EqualTo(5));
            Assert.That(analysis.Walk.FileCapReached, Is.True);
            Assert.That(report, Does.Contain("File cap reached: the walk stopped at 5 files"));
        });
    }

    [Test]
    public void Analyze_FileOverTheSizeCap_IsCountedWithoutLinesAndReported()
    {
        _root.WriteFile("small.txt", "a\nb\n");
        _root.WriteFile("huge.txt", string.Concat(Enumerable.Repeat("line\n", 500)));

        var limits = new AnalyzerLimits(MaxFiles: 100, MaxFileBytes: 1000);
        var analysis = ProjectAnalyzer.Analyze(_root.Path, limits, CancellationToken.None);
        var report = ProjectReportFormatter.Format(analysis, limits);

        Assert.Multiple(() =>
        {
            Assert.That(analysis.FilesOverSizeCap, Is.EqualTo(1));
            Assert.That(analysis.TotalLines, Is.EqualTo(2));
            Assert.That(analysis.LargestFiles[0], Is.EqualTo(new FileSize("huge.txt", 2500)));
            Assert.That(report, Does.Contain("Size cap reached: 1 file(s) larger than 1000 B were counted without their lines."));
        });
    }

    [Test]
    public void Walk_InsideAGitRepository_UsesGitsRulesIncludingInfoExcludeAndParentGitIgnore()
    {
        using (GitTestRepository.Init(_root.Path))
        {
        }

        _root.WriteFile(".gitignore", "*.tmp\ngenerated/\n");
        _root.WriteFile("src/generated/big.cs", "class Generated {}\n");
        File.AppendAllText(_root.Combine(".git", "info", "exclude"), "secret-notes.md\n");
        _root.WriteFile("src/keep.cs", "class K {}\n");
        _root.WriteFile("src/scratch.tmp", "x\n");
        _root.WriteFile("src/secret-notes.md", "x\n");

        // The analyzed root is a subfolder: the .gitignore above it still applies, as it does for git.
        var walk = TreeWalker.Walk(_root.Combine("src"), AnalyzerLimits.Default, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(walk.IgnoreSource, Is.EqualTo("the git repository's ignore rules"));
            Assert.That(walk.Files.Select(f => f.RelativePath), Is.EqualTo(new[] { "keep.cs" }));
            Assert.That(walk.IgnoredEntries, Is.EqualTo(3));
            Assert.That(walk.DirectoryCount, Is.Zero, "the ignored folder is not entered");
        });
    }

    [Test]
    public void Fingerprint_ChangesWhenAFileChangesAndNotOtherwise()
    {
        _root.WriteFile("a.txt", "one\n");
        var first = ProjectAnalyzer.Fingerprint(TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None), AnalyzerLimits.Default);
        var again = ProjectAnalyzer.Fingerprint(TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None), AnalyzerLimits.Default);

        _root.WriteFile("a.txt", "one\ntwo\n");
        var afterEdit = ProjectAnalyzer.Fingerprint(TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None), AnalyzerLimits.Default);
        _root.WriteFile("b.txt", "new\n");
        var afterAdd = ProjectAnalyzer.Fingerprint(TreeWalker.Walk(_root.Path, AnalyzerLimits.Default, CancellationToken.None), AnalyzerLimits.Default);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(afterEdit, Is.Not.EqualTo(first));
            Assert.That(afterAdd, Is.Not.EqualTo(afterEdit));
        });
    }
}
