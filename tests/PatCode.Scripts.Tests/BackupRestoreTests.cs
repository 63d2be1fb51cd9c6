using PatCode.Scripts.Tests.Support;

namespace PatCode.Scripts.Tests;

/// <summary>scripts/backup.sh and scripts/restore.sh on real state: a live WAL cache database, plugins, history, logs.</summary>
public sealed class BackupRestoreTests
{
    private TemporaryDirectory _temp = null!;

    private string Home => _temp.Combine("home");

    private string Backups => _temp.Combine("backups");

    [SetUp]
    public void SetUp() => _temp = new TemporaryDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("sqlite3")]
    [TestCase("python3")]
    public void BackupThenRestore_IntoAFreshHome_ReproducesEveryItem(string sqliteTool)
    {
        SampleState.WriteFiles(Home);
        string archive;
        using (new WalDatabaseWriter(Path.Combine(Home, "cache.db"), SampleState.CacheRows))
        {
            // The rows are committed but still only in the WAL: a file copy of cache.db would lose them.
            Assert.That(new FileInfo(Path.Combine(Home, "cache.db-wal")).Length, Is.GreaterThan(0), "precondition: the WAL holds the rows");
            archive = Backup("--sqlite-tool", sqliteTool);
        }

        var restored = _temp.Combine("elsewhere", "restored-home");
        var result = Restore("--home", restored, archive);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var rows = Sqlite.Rows(Path.Combine(restored, "cache.db"));
        Assert.Multiple(() =>
        {
            Assert.That(DirectorySnapshot.Take(restored, SampleState.IsComparedByContent),
                Is.EqualTo(DirectorySnapshot.Take(Home, SampleState.IsComparedByContent)), "config, plugin state, history, user plugins and logs");
            Assert.That(rows, Has.Length.EqualTo(SampleState.CacheRows));
            Assert.That(rows, Does.Contain("key-0=value-0-" + new string('x', 200)));
            Assert.That(rows, Does.Contain($"key-{SampleState.CacheRows - 1}=value-{SampleState.CacheRows - 1}-" + new string('x', 200)));
            Assert.That(Sqlite.IntegrityCheck(Path.Combine(restored, "cache.db")), Is.EqualTo("ok"));
            Assert.That(File.Exists(Path.Combine(restored, "cache.db-wal")), Is.False, "no stray WAL file may sit beside the restored database");
            Assert.That(File.GetUnixFileMode(restored) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None), "the restored state is private");
        });
    }

    [Test]
    public void Backup_WritesAPrivateArchiveWithAManifestAndChecksums()
    {
        SampleState.WriteFiles(Home);
        var archive = Backup();

        var listing = ProcessRunner.Run("tar", ["-tzf", archive]);
        Assert.That(listing.ExitCode, Is.Zero, listing.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(archive), Does.Match(@"^patcode-backup-\d{8}T\d{6}Z\.tar\.gz$"));
            Assert.That(listing.StandardOutput, Does.Contain("/manifest.json").And.Contain("/SHA256SUMS").And.Contain("/data/plugins/HelloPlugin/HelloPlugin.dll"));
            Assert.That(listing.StandardOutput, Does.Not.Contain("cache.db"), "no cache.db in the home, so none in the archive");
            Assert.That(File.GetUnixFileMode(archive), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public void Backup_KeepN_RemovesAllButTheNewestArchives()
    {
        SampleState.WriteFiles(Home);
        var oldest = Backup();
        var middle = Backup();
        var newest = Backup("--keep", "2");

        Assert.That(Directory.GetFiles(Backups, "patcode-backup-*.tar.gz"), Is.EquivalentTo(new[] { middle, newest }), $"{oldest} should be the one removed");
    }

    [Test]
    public void Backup_OfAMissingHome_FailsWithOneClearLine()
    {
        var result = ProcessRunner.RunScript("scripts/backup.sh", ["--home", _temp.Combine("nope"), "--output", Backups]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError.Trim(), Does.Contain("does not exist").And.Contain("--home"));
            Assert.That(Directory.Exists(Backups) && Directory.EnumerateFileSystemEntries(Backups).Any(), Is.False);
        });
    }

    [Test]
    public void Restore_OfAnArchiveWithAChangedFile_RefusesAndTouchesNothing()
    {
        var (target, before) = PrepareTargetHome();
        var tampered = Repack(Backup(), root => File.AppendAllText(Path.Combine(root, "data", "config.json"), "\n{\"injected\": true}"));

        var result = Restore("--home", target, "--yes", tampered);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("checksums do not match").And.Contain("nothing was changed"), result.ToString());
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_OfAnArchiveWithAnUnlistedFile_RefusesAndTouchesNothing()
    {
        var (target, before) = PrepareTargetHome();
        var tampered = Repack(Backup(), root => File.WriteAllText(Path.Combine(root, "data", "plugins", "HelloPlugin", "Extra.dll"), "smuggled"));

        var result = Restore("--home", target, "--yes", tampered);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("not in SHA256SUMS"), result.ToString());
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_OfACorruptCacheDatabaseWithMatchingChecksums_RefusesOnTheIntegrityCheck()
    {
        SampleState.WriteFiles(Home);
        using (new WalDatabaseWriter(Path.Combine(Home, "cache.db"), SampleState.CacheRows))
        {
            // Closing the writer right away checkpoints the rows into cache.db.
        }

        var (target, before) = PrepareTargetHome();
        var corrupted = Repack(Backup(), root =>
        {
            using (var database = File.Open(Path.Combine(root, "data", "cache.db"), FileMode.Open, FileAccess.ReadWrite))
            {
                database.Position = 4096; // page 2: the table's b-tree
                database.Write(Enumerable.Repeat((byte)0xA5, 4096).ToArray());
            }

            // A careful attacker (or a bad disk before the sums were taken) gets the sums right too.
            var sums = ProcessRunner.Run("bash", ["-c", "{ echo manifest.json; find data -type f | LC_ALL=C sort; } | while IFS= read -r f; do sha256sum \"$f\"; done > SHA256SUMS"], workingDirectory: root);
            Assert.That(sums.ExitCode, Is.Zero, sums.ToString());
        });

        var result = Restore("--home", target, "--yes", corrupted);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("integrity check"), result.ToString());
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_OfAnArchiveEscapingItsFolder_RefusesAndWritesNothingOutside()
    {
        var (target, before) = PrepareTargetHome();
        var evil = _temp.Combine("evil.tar.gz");
        var script = """
            import io, sys, tarfile
            with tarfile.open(sys.argv[1], "w:gz") as archive:
                for name, data in [("patcode-backup-20260101T000000Z/manifest.json", b"{}"), ("patcode-backup-20260101T000000Z/../escaped.txt", b"pwned")]:
                    info = tarfile.TarInfo(name); info.size = len(data); archive.addfile(info, io.BytesIO(data))
            """;
        var made = ProcessRunner.Run("python3", ["-c", script, evil]);
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        var result = Restore("--home", target, "--yes", evil);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("unsafe entry"), result.ToString());
            Assert.That(Directory.GetFiles(_temp.Path, "escaped.txt", SearchOption.AllDirectories), Is.Empty);
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_OfSomethingThatIsNotAnArchive_Refuses()
    {
        var (target, before) = PrepareTargetHome();
        var junk = _temp.Combine("junk.tar.gz");
        File.WriteAllText(junk, "this is not gzip");

        var result = Restore("--home", target, "--yes", junk);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("not a readable .tar.gz"), result.ToString());
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_DryRun_VerifiesAndChangesNothing()
    {
        var (target, before) = PrepareTargetHome();
        var archive = Backup();

        var result = Restore("--home", target, "--dry-run", archive);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StandardOutput, Does.Contain("verified").And.Contain("dry run"), result.ToString());
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_OverExistingState_WithoutYesAndWithoutATerminal_RefusesAndTouchesNothing()
    {
        var (target, before) = PrepareTargetHome();

        var result = Restore("--home", target, Backup());

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.StandardError, Does.Contain("--yes"), result.ToString());
            AssertUntouched(target, before);
        });
    }

    [Test]
    public void Restore_OverExistingState_KeepsThePreviousStateBeside()
    {
        var (target, before) = PrepareTargetHome();
        var archive = Backup();

        var result = Restore("--home", target, "--yes", archive);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var previous = Directory.GetDirectories(Path.GetDirectoryName(target)!, Path.GetFileName(target) + ".pre-restore-*");
        Assert.Multiple(() =>
        {
            Assert.That(previous, Has.Length.EqualTo(1));
            Assert.That(DirectorySnapshot.Take(previous[0]), Is.EqualTo(before));
            Assert.That(DirectorySnapshot.Take(target, SampleState.IsComparedByContent), Is.EqualTo(DirectorySnapshot.Take(Home, SampleState.IsComparedByContent)));
        });
    }

    private string Backup(params string[] extra)
    {
        var result = ProcessRunner.RunScript("scripts/backup.sh", ["--home", Home, "--output", Backups, "--quiet", .. extra]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var archive = result.StandardOutput.Trim();
        Assert.That(File.Exists(archive), Is.True, $"backup.sh printed '{archive}', which does not exist");
        return archive;
    }

    private static ProcessResult Restore(params string[] arguments) => ProcessRunner.RunScript("scripts/restore.sh", arguments);

    /// <summary>A sample home to back up, and a different existing home the restore targets.</summary>
    private (string Target, SortedDictionary<string, string> Before) PrepareTargetHome()
    {
        if (!Directory.Exists(Home))
        {
            SampleState.WriteFiles(Home);
        }

        var target = _temp.Combine("target", "home");
        Directory.CreateDirectory(Path.Combine(target, "history"));
        File.WriteAllText(Path.Combine(target, "config.json"), """{ "model": "current" }""");
        File.WriteAllText(Path.Combine(target, "history", "current.jsonl"), "current history\n");
        return (target, DirectorySnapshot.Take(target));
    }

    private static void AssertUntouched(string target, SortedDictionary<string, string> before)
    {
        Assert.That(DirectorySnapshot.Take(target), Is.EqualTo(before), "the existing state must be untouched");
        var parent = Path.GetDirectoryName(target)!;
        Assert.That(Directory.GetFileSystemEntries(parent), Is.EqualTo(new[] { target }), "no staging or pre-restore folder may be left beside it");
    }

    /// <summary>Extracts <paramref name="archive"/>, lets <paramref name="change"/> edit its top folder, and packs it again.</summary>
    private string Repack(string archive, Action<string> change)
    {
        var scratch = _temp.Combine("repack");
        Directory.CreateDirectory(scratch);
        var extracted = ProcessRunner.Run("tar", ["-xzf", archive, "-C", scratch]);
        Assert.That(extracted.ExitCode, Is.Zero, extracted.ToString());
        var top = Directory.GetDirectories(scratch).Single();
        change(top);
        var output = _temp.Combine(Path.GetFileName(top) + "-changed.tar.gz");
        var packed = ProcessRunner.Run("tar", ["-czf", output, "-C", scratch, Path.GetFileName(top)]);
        Assert.That(packed.ExitCode, Is.Zero, packed.ToString());
        return output;
    }
}
