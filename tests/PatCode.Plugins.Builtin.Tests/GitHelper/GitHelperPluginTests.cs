using LibGit2Sharp;
using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.GitHelper;
using PatCode.Sdk;
using PatCode.Sdk.Testing;

namespace PatCode.Plugins.Builtin.Tests.GitHelper;

public sealed class GitHelperPluginTests
{
    private readonly GitHelperPlugin _plugin = new();
    private TemporaryDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TemporaryDirectory("patcode-git");

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Metadata_IsGitHelperAtNormalPriorityWithTheGitCommand()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_plugin.Metadata.Name, Is.EqualTo("GitHelper"));
            Assert.That(_plugin.Metadata.Priority, Is.EqualTo(PluginPriority.Normal));
            Assert.That(_plugin.Commands.Select(c => c.Name), Is.EqualTo(new[] { "git" }));
        });
    }

    [Test]
    public async Task ExecuteAsync_RepositoryWithStagedModifiedAndUntrackedFiles_ReportsEachAsCountsAndNames()
    {
        string branch;
        using (var repository = GitTestRepository.Init(_temp.Path))
        {
            GitTestRepository.Commit(repository, "README.md", "# demo\n", "Add readme");
            GitTestRepository.Commit(repository, "src/app.cs", "line1\nline2\nline3\n", "Add app");
            GitTestRepository.Commit(repository, "notes.txt", "a\n", "Add notes");
            var feature = repository.CreateBranch("feature/login");
            Commands.Checkout(repository, feature);
            branch = repository.Head.FriendlyName;

            GitTestRepository.Write(repository, "staged-new.txt", "new\n");
            Commands.Stage(repository, "staged-new.txt");
            GitTestRepository.Write(repository, "src/app.cs", "line1\nchanged\nline3\nline4\n"); // unstaged: +2 -1
            GitTestRepository.Write(repository, "scratch.txt", "untracked\n");
        }

        var context = new TestPluginContext("what should my next commit contain?", _temp.Path);
        Assert.That(_plugin.CanHandle(context), Is.True);

        var result = await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(result.Success, Is.True);
        var section = context.Sections.Single();
        Assert.Multiple(() =>
        {
            Assert.That(branch, Is.EqualTo("feature/login"));
            Assert.That(section.Title, Is.EqualTo("Git repository"));
            Assert.That(section.Content, Does.Contain("Branch: feature/login (no upstream)"));
            Assert.That(section.Content, Does.Contain("Staged: 1 (staged-new.txt)"));
            Assert.That(section.Content, Does.Contain("Modified (not staged): 1 (src/app.cs)"));
            Assert.That(section.Content, Does.Contain("Untracked: 1 (scratch.txt)"));
            Assert.That(section.Content, Does.Contain("Diff against HEAD: 2 file(s) changed, 3 insertion(s)(+), 1 deletion(s)(-)"));
            Assert.That(section.Content, Does.Contain("src/app.cs | +2 -1"));
            Assert.That(section.Content, Does.Contain("Ada Tester: Add notes"));
            Assert.That(section.Content.IndexOf("Add notes", StringComparison.Ordinal), Is.LessThan(section.Content.IndexOf("Add readme", StringComparison.Ordinal)), "newest commit first");
        });
    }

    [Test]
    public async Task ExecuteAsync_FromASubfolder_FindsTheRepositoryAbove()
    {
        using (var repository = GitTestRepository.Init(_temp.Path))
        {
            GitTestRepository.Commit(repository, "src/deep/file.txt", "x\n", "First");
        }

        var context = new TestPluginContext("git status", _temp.Combine("src", "deep"));

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(context.Sections.Single().Content, Does.Contain("Working tree clean.").And.Contain("First"));
    }

    [Test]
    public async Task ExecuteAsync_DetachedHead_SaysWhichCommitHeadPointsAt()
    {
        string firstSha;
        using (var repository = GitTestRepository.Init(_temp.Path))
        {
            firstSha = GitTestRepository.Commit(repository, "a.txt", "1\n", "One").Sha;
            GitTestRepository.Commit(repository, "a.txt", "2\n", "Two");
            Commands.Checkout(repository, firstSha);
            Assert.That(repository.Info.IsHeadDetached, Is.True);
        }

        var context = new TestPluginContext("which branch am I on?", _temp.Path);

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(context.Sections.Single().Content, Does.Contain($"HEAD detached at {firstSha[..7]}"));
    }

    [Test]
    public async Task ExecuteAsync_EmptyRepository_ReportsNoCommitsAndTheUntrackedFile()
    {
        using (GitTestRepository.Init(_temp.Path))
        {
        }

        _temp.WriteFile("first.txt", "hello\n");
        var context = new TestPluginContext("make the first commit", _temp.Path);

        var result = await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(result.Success, Is.True);
        Assert.That(context.Sections.Single().Content, Does.Contain("(no commits yet)").And.Contain("Recent commits: none yet.").And.Contain("Untracked: 1 (first.txt)"));
    }

    [Test]
    public async Task ExecuteAsync_OutsideARepository_AddsNothingAndSucceeds()
    {
        var context = new TestPluginContext("git status", _temp.Path);

        var result = await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Success, Is.True);
            Assert.That(result.Error, Is.Null);
            Assert.That(context.Sections, Is.Empty);
        });
    }

    [Test]
    public async Task ExecuteAsync_CloneAheadAndBehindItsUpstream_ReportsBothCounts()
    {
        var originPath = _temp.Combine("origin");
        var clonePath = _temp.Combine("clone");
        string branch;
        using (var origin = GitTestRepository.Init(originPath))
        {
            GitTestRepository.Commit(origin, "base.txt", "base\n", "Base");
            Repository.Clone(originPath, clonePath);
            GitTestRepository.Commit(origin, "upstream.txt", "u\n", "Upstream work");
        }

        using (var clone = new Repository(clonePath))
        {
            branch = clone.Head.FriendlyName;
            GitTestRepository.Commit(clone, "local1.txt", "1\n", "Local one");
            GitTestRepository.Commit(clone, "local2.txt", "2\n", "Local two");
            Commands.Fetch(clone, "origin", [], null, null);
        }

        var context = new TestPluginContext("can I push?", clonePath);

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(context.Sections.Single().Content, Does.Contain($"Branch: {branch}, 2 commit(s) ahead of and 1 behind origin/{branch}"));
    }

    [Test]
    public async Task ExecuteAsync_ManuallySetUpstreamAtTheSameCommit_IsUpToDate()
    {
        string branch;
        using (var repository = GitTestRepository.Init(_temp.Path))
        {
            var tip = GitTestRepository.Commit(repository, "a.txt", "a\n", "A");
            branch = repository.Head.FriendlyName;
            repository.Network.Remotes.Add("backup", _temp.Combine("nowhere"));
            repository.Refs.Add($"refs/remotes/backup/{branch}", tip.Id);
            repository.Branches.Update(repository.Head, b => b.Remote = "backup", b => b.UpstreamBranch = $"refs/heads/{branch}");
        }

        var context = new TestPluginContext("git push", _temp.Path);

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        Assert.That(context.Sections.Single().Content, Does.Contain($"Branch: {branch}, up to date with backup/{branch}"));
    }

    [Test]
    public async Task ExecuteAsync_ManyUntrackedFiles_ListsTenNamesAndCountsTheRest()
    {
        using (var repository = GitTestRepository.Init(_temp.Path))
        {
            GitTestRepository.Commit(repository, "keep.txt", "k\n", "Keep");
        }

        for (var i = 0; i < 15; i++)
        {
            _temp.WriteFile($"new{i:00}.txt", "n\n");
        }

        var context = new TestPluginContext("git status", _temp.Path);

        await _plugin.ExecuteAsync(context, CancellationToken.None);

        var content = context.Sections.Single().Content;
        Assert.Multiple(() =>
        {
            Assert.That(content, Does.Contain("Untracked: 15 (new00.txt"));
            Assert.That(content, Does.Contain("new09.txt, … and 5 more)"));
            Assert.That(content, Does.Not.Contain("new10.txt"));
        });
    }
}
