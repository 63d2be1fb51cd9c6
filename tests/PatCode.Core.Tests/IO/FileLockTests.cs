using PatCode.Core.IO;

namespace PatCode.Core.Tests.IO;

public sealed class FileLockTests
{
    [Test]
    public void ASecondHolder_WaitsForTheFirst_AndGivesUpWithAReadableError()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("state.lock");

        using (FileLock.Acquire(path, TimeSpan.FromSeconds(1)))
        {
            var error = Assert.Throws<IOException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(200)).Dispose());
            Assert.That(error!.Message, Does.Contain("stayed locked by another PatCode"));
        }

        using (FileLock.Acquire(path, TimeSpan.FromMilliseconds(200)))
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "once released it can be taken again; the lock file is the user's only");
        }
    }
}
